// Party network: the Cadence/NUDT case traced from the front company and from Phytium, dates
// respected; derived links; signals on the Singapore/Malaysia diversion pattern; JSON and DOT.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "engine/graph/graph_test_util.h"

namespace chokepoint {
namespace {

using testing::D;
using testing::LoadFixture;
using testing::Pack;

const TraceFinding* FindingFor(const TraceResult& r, const std::string& party) {
  for (const auto& f : r.findings) {
    if (f.party_id == party) return &f;
  }
  return nullptr;
}

bool HasSignal(const std::vector<Signal>& signals, const std::string& code,
               const std::string& party) {
  return std::any_of(signals.begin(), signals.end(),
                     [&](const Signal& s) { return s.code == code && s.party_id == party; });
}

TEST_CASE("cadence: tracing from Central South CAD Center finds NUDT through the alias") {
  auto g = LoadFixture("cadence");
  auto id = g->ResolveParty("Central South CAD Center");
  REQUIRE(id.ok());
  CHECK(*id == "cscc");
  auto r = g->Trace(*id, D("2019-06-01"), Pack());
  REQUIRE(r.ok());
  const TraceFinding* f = FindingFor(*r, "nudt");
  REQUIRE(f != nullptr);
  CHECK(f->hops == 1);
  REQUIRE(f->path.size() == 2);
  CHECK(f->path[0].party_id == "cscc");
  CHECK(f->path[1].party_id == "nudt");
  CHECK(*f->path[1].relation == Relation::kFrontFor);
  CHECK_FALSE(f->path[1].reverse);
  CHECK(f->path[1].source.find("84 FR 29373") != std::string::npos);
  CHECK(f->path[1].evidence ==
        "Central South CAD Center front_for National University of Defense "
        "Technology");
  CHECK(f->rule == "acts-for-listed-party");
  CHECK(f->listing.start_date == D("2015-02-18"));
  CHECK(f->strength == doctest::Approx(0.95));
}

TEST_CASE("cadence: tracing from Phytium finds NUDT, and Phytium itself once listed") {
  auto g = LoadFixture("cadence");
  auto id = g->ResolveParty("phytium");  // a unique part of the name
  REQUIRE(id.ok());
  auto before = g->Trace(*id, D("2021-01-15"), Pack());
  REQUIRE(before.ok());
  const TraceFinding* f = FindingFor(*before, "nudt");
  REQUIRE(f != nullptr);
  REQUIRE(f->path.size() == 2);
  CHECK(*f->path[1].relation == Relation::kAgentFor);
  CHECK(f->path[1].dates.from == D("2020-10-01"));
  CHECK(FindingFor(*before, "phytium") == nullptr);  // listed from 2021-04-08

  auto after = g->Trace(*id, D("2021-06-01"), Pack());
  REQUIRE(after.ok());
  REQUIRE(FindingFor(*after, "phytium") != nullptr);
  CHECK(FindingFor(*after, "phytium")->hops == 0);
  CHECK(FindingFor(*after, "phytium")->rule == "party-is-listed");
  CHECK(FindingFor(*after, "nudt") != nullptr);
}

TEST_CASE("cadence: before the listing (2015-01-01) no listed party is found") {
  auto g = LoadFixture("cadence");
  for (const char* start : {"cscc", "phytium", "cadence", "cadence-china"}) {
    auto r = g->Trace(start, D("2015-01-01"), Pack());
    REQUIRE(r.ok());
    CHECK_MESSAGE(r->findings.empty(), start);
  }
  // The day of the listing: NUDT counts from its start date.
  auto r = g->Trace("cscc", D("2015-02-18"), Pack());
  REQUIRE(r.ok());
  CHECK(FindingFor(*r, "nudt") != nullptr);
}

TEST_CASE("cadence: the exporter reaches NUDT through its consignee; links end on their dates") {
  auto g = LoadFixture("cadence");
  auto r = g->Trace("cadence", D("2019-06-01"), Pack());
  REQUIRE(r.ok());
  const TraceFinding* f = FindingFor(*r, "nudt");
  REQUIRE(f != nullptr);
  CHECK(f->hops == 2);
  CHECK(f->path[1].party_id == "cscc");
  CHECK(*f->path[1].relation == Relation::kShipsTo);
  CHECK(f->rule == "tie-to-listed-party");
  // After the ships_to links to CSCC ended (2020-09-30), the path runs through Phytium.
  auto later = g->Trace("cadence", D("2021-01-15"), Pack());
  REQUIRE(later.ok());
  const TraceFinding* g2 = FindingFor(*later, "nudt");
  REQUIRE(g2 != nullptr);
  CHECK(g2->path[1].party_id == "phytium");
  // And K bounds the search.
  TraceOptions one_hop;
  one_hop.max_hops = 1;
  auto near = g->Trace("cadence", D("2019-06-01"), Pack(), one_hop);
  REQUIRE(near.ok());
  CHECK(FindingFor(*near, "nudt") == nullptr);
}

TEST_CASE("resolve: ids, whole names, unique parts; ambiguity and absence are errors") {
  auto g = LoadFixture("cadence");
  CHECK(*g->ResolveParty("nudt") == "nudt");
  CHECK(*g->ResolveParty("national university of defense technology") == "nudt");
  CHECK(g->ResolveParty("Cadence").status().IsInvalidArgument());  // two parties
  CHECK(g->ResolveParty("Huawei").status().IsNotFound());
  CHECK(g->Trace("nobody", D("2020-01-01"), Pack()).status().IsNotFound());
}

TEST_CASE("derived links: shared normalised address and phone link parties, with evidence") {
  auto g = LoadFixture("diversion");
  CHECK(g->derived_link_count() >= 8);  // 4 parties at one SG address, 2 at one MY address, phone
  auto r = g->Trace("my-dc-1", D("2024-12-01"), Pack());
  REQUIRE(r.ok());
  auto dot = g->ToDot("my-dc-1", D("2024-12-01"), 1);
  REQUIRE(dot.ok());
  CHECK(dot->find("same_address") != std::string::npos);
  CHECK(dot->find("same_contact") != std::string::npos);
  CHECK(dot->find("digraph") == 0);
}

TEST_CASE("diversion: signals on the Singapore to Malaysia pattern") {
  auto g = LoadFixture("diversion");
  auto r = g->Trace("vendor-a", D("2024-12-01"), Pack());
  REQUIRE(r.ok());
  const auto& s = r->signals;
  CHECK(HasSignal(s, "recently-incorporated", "my-dc-1"));
  CHECK(HasSignal(s, "recently-incorporated", "my-dc-2"));
  CHECK_FALSE(HasSignal(s, "recently-incorporated", "vendor-a"));
  CHECK(HasSignal(s, "transshipment-hub", "sg-reseller"));
  CHECK(HasSignal(s, "transshipment-hub", "my-dc-1"));
  CHECK(HasSignal(s, "funnel", "my-dc-1"));  // two suppliers, onward to CN (D:5)
  CHECK(HasSignal(s, "shares-officer-with-listed", "my-dc-2"));
  CHECK(HasSignal(s, "nominee-director", "sg-reseller"));
  const TraceFinding* f = FindingFor(*r, "cn-listed");
  REQUIRE(f != nullptr);
  CHECK(f->hops == 3);

  auto shell = g->Signals("shell-1", D("2024-12-01"), Pack());
  REQUIRE(shell.ok());
  CHECK(HasSignal(*shell, "nominee-director", "shell-1"));
  // Before the Malaysian companies existed, no shipment to them counts.
  auto early = g->Trace("vendor-a", D("2024-01-01"), Pack());
  REQUIRE(early.ok());
  CHECK_FALSE(HasSignal(early->signals, "recently-incorporated", "my-dc-1"));
  CHECK(FindingFor(*early, "cn-listed") == nullptr);
}

TEST_CASE("trace JSON: the interfaces shape, deterministic") {
  auto g = LoadFixture("cadence");
  auto r = g->Trace("cscc", D("2019-06-01"), Pack());
  REQUIRE(r.ok());
  const std::string text = TraceResultToJson(*r);
  CHECK(text == TraceResultToJson(*r));
  auto j = nlohmann::json::parse(text);
  CHECK(j["party"]["id"] == "cscc");
  CHECK(j["as_of"] == "2019-06-01");
  REQUIRE(j["findings"].size() >= 1);
  const auto& f = j["findings"][0];
  CHECK(f["listed"]["source"] == "Entity List");
  CHECK(f["listed"]["start_date"] == "2015-02-18");
  CHECK(f["hops"] == 1);
  CHECK(f["path"][1]["relation"] == "front_for");
  CHECK(f["path"][1]["party"]["id"] == "nudt");
  CHECK(f["rule"] == "acts-for-listed-party");
  CHECK(f["strength"].get<double>() == doctest::Approx(0.95));
  CHECK(j["effective_listed_ownership_pct"] == 0);
  CHECK(j["signals"].is_array());
}

TEST_CASE("CSV import: a bad row names file, line and field, and nothing is imported") {
  const std::string parties =
      "party_id,name,country,address,kind,incorporated,identifiers\n"
      "a,Alpha,SG,,company,2024-01-01,phone:+65 1234 5678\n"
      "b,Beta,Malaysia,,company,,\n";
  PartyNetwork net;
  auto bad_share =
      data::ImportPartyCsv(parties, "parties.csv",
                           "from_id,to_id,relation,share_pct,start_date,end_date,source\n"
                           "a,b,owns,40,,,x\n"
                           "a,b,owns,140,,,x\n",
                           "links.csv", &net);
  REQUIRE_FALSE(bad_share.ok());
  CHECK(bad_share.status().IsInvalidArgument());
  CHECK(bad_share.status().message() == "links.csv:3: field 'share_pct': '140' is not in (0, 100]");
  CHECK(net.party_count() == 0);
  CHECK(net.link_count() == 0);

  auto bad_kind = data::ImportPartyCsv("party_id,name,kind\na,Alpha,trust\n", "p.csv",
                                       "from_id,to_id,relation\n", "l.csv", &net);
  CHECK(bad_kind.status().message() == "p.csv:2: field 'kind': 'trust' is not company or person");
  auto unknown = data::ImportPartyCsv(
      parties, "parties.csv", "from_id,to_id,relation\na,zed,ships_to\n", "links.csv", &net);
  CHECK(unknown.status().message().find("links.csv:2: field 'to_id': unknown party 'zed'") == 0);
  auto bad_rel = data::ImportPartyCsv(parties, "parties.csv",
                                      "from_id,to_id,relation\na,b,sells_to\n", "links.csv", &net);
  CHECK(bad_rel.status().message().find("links.csv:2: field 'relation'") == 0);
  auto share_on_ship = data::ImportPartyCsv(parties, "parties.csv",
                                            "from_id,to_id,relation,share_pct\na,b,ships_to,10\n",
                                            "links.csv", &net);
  CHECK(share_on_ship.status().message() ==
        "links.csv:2: field 'share_pct': only owns links carry a share");
  auto bad_date = data::ImportPartyCsv(
      parties, "parties.csv",
      "from_id,to_id,relation,start_date,end_date\na,b,ships_to,2024-05-01,2024-04-01\n",
      "links.csv", &net);
  CHECK(bad_date.status().message() == "links.csv:2: field 'end_date': is before start_date");
  CHECK(net.party_count() == 0);

  auto good = data::ImportPartyCsv(
      parties, "parties.csv", "from_id,to_id,relation,share_pct\na,b,owns,?\n", "links.csv", &net);
  REQUIRE(good.ok());
  CHECK(net.party_count() == 2);
  CHECK(net.FindParty("b")->country == "MY");  // a country name is normalised
  CHECK_FALSE(net.LinkAt(0).share_pct.has_value());
  // Importing the same ids again is refused, and changes nothing.
  auto again =
      data::ImportPartyCsv(parties, "parties.csv", "from_id,to_id,relation\n", "links.csv", &net);
  CHECK(again.status().message() == "parties.csv:2: field 'party_id': duplicate party id 'a'");
  CHECK(net.party_count() == 2);
}

}  // namespace
}  // namespace chokepoint
