// LinkPartiesToLists: which parties are list entries (name, identifier), and which share a listed
// street address, with the evidence carried onto the trace path.
#include "chokepoint/list_links.h"

#include "engine/graph/graph_test_util.h"

namespace chokepoint::testing {
namespace {

ListEntry Nudt() {
  ListEntry e;
  e.source = "Entity List";
  e.source_code = "EL";
  e.list_id = "el-nudt";
  e.type = PartyType::kEntity;
  e.name = "National University of Defense Technology";
  e.aliases = {{"Central South CAD Center", ListName::Kind::kStrongAlias}};
  e.addresses = {
      {"Garden Road (Metro West), Changsha City", "", "", "", "CN"},
      {"109 Deya Road, Kaifu District, Changsha City, Hunan Province", "", "", "", "CN"}};
  e.start_date = D("2015-02-18");
  return e;
}

ListEntry ShellWithRegistration() {
  ListEntry e;
  e.source = "SDN";
  e.source_code = "SDN";
  e.list_id = "sdn-1";
  e.type = PartyType::kEntity;
  e.name = "Orion Star Logistics FZE";
  e.ids = {{"Registration Number", "RAK-0098-7712", "AE"}};
  return e;
}

std::shared_ptr<const ScreeningIndex> Index() {
  ScreeningIndex::Builder b;
  b.Add(Nudt(), 7);
  b.Add(ShellWithRegistration(), 7);
  return b.Build();
}

Party P(const char* id, const char* name, const char* cc, const char* address) {
  Party p;
  p.id = id;
  p.name = name;
  p.country = cc;
  p.address = address;
  return p;
}

TEST_CASE("a party at a listed street address is tied to the entry, with both addresses") {
  PartyNetwork net;
  REQUIRE(net.AddParty(P("x", "Xiangjiang Trading", "CN", "No. 109 Deya Rd., Kaifu Dist, Changsha"))
              .ok());
  REQUIRE(net.AddParty(P("y", "Yuelu Trading", "CN", "Garden Road, Changsha City")).ok());
  auto report = LinkPartiesToLists(*Index(), &net);
  REQUIRE(report.ok());
  CHECK(report->by_name == 0);
  CHECK(report->address_links == 1);  // "Garden Road" has no number: identifies nothing
  CHECK(report->entry_parties == 1);
  auto graph = PartyGraph::Build(std::move(net));
  REQUIRE(graph.ok());
  auto trace = (*graph)->Trace("x", D("2016-01-01"), Pack());
  REQUIRE(trace.ok());
  REQUIRE(trace->findings.size() == 1);
  const TraceFinding& f = trace->findings[0];
  CHECK(f.listing.list_id == "el-nudt");
  CHECK(f.listing.snapshot_id == 7);
  REQUIRE(f.path.size() == 2);
  CHECK(f.path[1].relation == Relation::kSameAddress);
  CHECK(f.path[1].evidence.find("109 Deya Road, Kaifu District, Changsha City") !=
        std::string::npos);
  CHECK(f.path[1].source.find("snapshot 7") != std::string::npos);
  // Before the listing the address tie leads to no listed party.
  auto before = (*graph)->Trace("x", D("2015-01-01"), Pack());
  REQUIRE(before.ok());
  CHECK(before->findings.empty());
}

TEST_CASE("an address in another country does not tie") {
  PartyNetwork net;
  REQUIRE(net.AddParty(P("x", "Deya Imports", "US", "109 Deya Road, Kaifu District, Austin")).ok());
  auto report = LinkPartiesToLists(*Index(), &net);
  REQUIRE(report.ok());
  CHECK(report->address_links == 0);
}

TEST_CASE("a shared identifier makes the party the entry; a name match too") {
  PartyNetwork net;
  Party shell = P("s", "Polaris Freight", "AE", "");
  shell.identifiers = {{"registration", "rak 0098 7712"}};
  REQUIRE(net.AddParty(shell).ok());
  REQUIRE(net.AddParty(P("c", "Central South CAD Center", "CN", "")).ok());
  auto report = LinkPartiesToLists(*Index(), &net);
  REQUIRE(report.ok());
  CHECK(report->by_identifier == 1);
  CHECK(report->by_name == 1);
  auto s = net.ListingsOf("s");
  REQUIRE(s.size() == 1);
  CHECK(s[0].list_id == "sdn-1");
  CHECK(s[0].evidence == "identifier registration rak 0098 7712 is on the entry");
  auto c = net.ListingsOf("c");
  REQUIRE(c.size() == 1);
  CHECK(c[0].matched_name == "Central South CAD Center");
  CHECK(c[0].evidence.rfind("name 1.00", 0) == 0);
}

TEST_CASE("the party that is the entry is not tied to its own address again") {
  PartyNetwork net;
  REQUIRE(net.AddParty(P("n", "National University of Defense Technology", "CN",
                         "109 Deya Road, Kaifu District, Changsha"))
              .ok());
  auto report = LinkPartiesToLists(*Index(), &net);
  REQUIRE(report.ok());
  CHECK(report->by_name == 1);
  CHECK(report->address_links == 0);
  CHECK(net.party_count() == 1);
}

}  // namespace
}  // namespace chokepoint::testing
