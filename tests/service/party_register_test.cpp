// The party register as a use case: the records each source builds, and a graph import that
// registers the network's parties with one "graph-import" audit record.
#include "chokepoint/service/party_register.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "testutil.h"

namespace chokepoint::testing {
namespace {

std::vector<AuditRecord> AuditLog(Store& store) {
  std::vector<AuditRecord> out;
  REQUIRE(store
              .ExportAudit(std::nullopt,
                           [&](const AuditRecord& r) {
                             out.push_back(r);
                             return Status::OK();
                           })
              .ok());
  return out;
}

TEST_CASE("party records: keyed by where they were seen and the audit key") {
  PartyRecord keyed = service::KeyedPartyRecord("ledger", "acme|cn", "ACME Ltd", "CN");
  CHECK(keyed.id == "ledger:acme|cn");
  CHECK(keyed.name == "ACME Ltd");
  CHECK(keyed.country == "CN");
  CHECK(keyed.address.empty());
  CHECK(keyed.type.empty());

  PartyRecord ledger = service::LedgerPartyRecord("k1", ShipmentParty{"Beta GmbH", "DE"});
  CHECK(ledger.id == "ledger:k1");
  CHECK(ledger.name == "Beta GmbH");
  CHECK(ledger.country == "DE");

  // Spellings that normalise alike are one party, as in a ledger audit.
  PartyRecord seen = service::SeenPartyRecord(service::kApiPrefix, "  Acme  Ltd ", "CN");
  CHECK(seen.id == "api:" + AuditPartyKey("  Acme  Ltd ", "CN"));
  CHECK(seen.id == service::SeenPartyRecord("api", "ACME LTD", "CN").id);
  CHECK(seen.name == "  Acme  Ltd ");  // normalised when registered, not here
}

TEST_CASE("party records: every party of a network, people as individuals") {
  PartyNetwork network;
  Party company;
  company.id = "c1";
  company.name = "Company One";
  company.country = "CN";
  company.address = "1 Road";
  REQUIRE(network.AddParty(company).ok());
  Party person;
  person.id = "p1";
  person.name = "Jane Roe";
  person.kind = PartyKind::kPerson;
  REQUIRE(network.AddParty(person).ok());
  std::vector<PartyRecord> records = service::PartiesOfNetwork(network);
  REQUIRE(records.size() == 2);
  CHECK(records[0].id == "c1");
  CHECK(records[0].address == "1 Road");
  CHECK(records[0].type == "entity");
  CHECK(records[1].id == "p1");
  CHECK(records[1].type == "individual");
}

TEST_CASE("ImportPartyNetwork: the cadence fixture's parties join the register, one graph-import") {
  auto opened = OpenSqliteStore(":memory:");
  REQUIRE(opened.ok());
  Store& store = **opened;
  const std::string parties = SourcePath("fixtures/graph/cadence/parties.csv");
  const std::string links = SourcePath("fixtures/graph/cadence/links.csv");
  auto report = service::ImportPartyNetwork(store, parties, links, "test");
  REQUIRE_MESSAGE(report.ok(), report.status().ToString());
  CHECK(report->parties == 5);
  CHECK(report->links == 7);

  auto registered = store.RegisteredPartiesAfter(std::nullopt, 100);
  REQUIRE(registered.ok());
  REQUIRE(registered->size() == 5);
  for (const RegisteredParty& p : *registered) CHECK(p.source == "graph-import");
  auto count = store.CountRegisteredParties();
  REQUIRE(count.ok());
  CHECK(*count == 5);

  std::vector<AuditRecord> log = AuditLog(store);
  int graph_imports = 0;
  for (const AuditRecord& r : log) {
    if (r.kind != "graph-import") continue;
    ++graph_imports;
    CHECK(r.actor == "test");
    CHECK(r.payload ==
          nlohmann::ordered_json(
              {{"parties_file", parties}, {"links_file", links}, {"parties", 5}, {"links", 7}})
              .dump());
  }
  CHECK(graph_imports == 1);
  // Registering comes first, as one "parties-import" record of source "graph-import".
  std::vector<std::string> kinds;
  for (const AuditRecord& r : log) kinds.push_back(r.kind);
  CHECK(kinds == std::vector<std::string>{"parties-import", "graph-import"});
  const AuditRecord& registering = log.front();
  auto register_payload = nlohmann::json::parse(registering.payload);
  CHECK(register_payload["source"] == "graph-import");
  CHECK(register_payload["parties_file"] == parties);
  CHECK(register_payload["added"] == 5);

  // A bad file imports nothing and registers nothing.
  auto fresh = OpenSqliteStore(":memory:");
  REQUIRE(fresh.ok());
  CHECK(!service::ImportPartyNetwork(**fresh, parties, SourcePath("fixtures/graph/nope.csv"), "t")
             .ok());
  auto none = (*fresh)->CountRegisteredParties();
  REQUIRE(none.ok());
  CHECK(*none == 0);
}

}  // namespace
}  // namespace chokepoint::testing
