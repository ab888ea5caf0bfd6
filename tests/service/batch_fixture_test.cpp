// Batch re-screening on the hand-made fixture pair (fixtures/batch): exact alerts, idempotence,
// reviewer decisions, delta runs equal to a full re-screen, scores equal to `screen`.
#include <doctest/doctest.h>

#include <tuple>

#include "chokepoint/graph.h"
#include "chokepoint/rules.h"
#include "chokepoint/screen_store.h"
#include "service/batch_test_util.h"

namespace chokepoint::testing {
namespace {

using Lines = std::vector<std::string>;

struct Fixture {
  std::unique_ptr<Store> store = MemoryStore();
  std::string dir = SourcePath("fixtures/batch/");
  void Lists(const char* name) { ImportList(*store, {dir + name}, data::ListFormat::kCslCsv); }
  void Customers(const char* name) { ImportCustomers(*store, dir + name); }
};

std::string HitOf(Store& store, int64_t run, const std::string& party) {
  std::string id;
  REQUIRE(store
              .ForEachBatchAlert(run,
                                 [&](const BatchAlertRecord& a) {
                                   if (a.party_id == party) id = a.hit_id;
                                   return Status::OK();
                                 })
              .ok());
  REQUIRE(!id.empty());
  return id;
}

void Review(Store& store, const std::string& hit, const char* decision,
            std::optional<std::string> until = std::nullopt) {
  ReviewRequest r{hit, decision, "reviewed in a test", std::nullopt, "tester"};
  if (until) r.until = *Date::Parse(*until);
  auto out = ReviewHit(store, r);
  REQUIRE_MESSAGE(out.ok(), out.status().ToString());
}

TEST_CASE("first run alerts every hit; a second run on the same snapshot alerts nothing") {
  Fixture f;
  f.Lists("lists_v1.csv");
  f.Customers("customers_v1.csv");
  BatchSummary first = Run(*f.store, "2024-12-01");
  CHECK(first.mode == "first");
  CHECK(first.delta.added == 5);
  CHECK(AlertLines(*f.store, first.run_id) ==
        Lines{"new_hit C001 batch-e1 entry_added", "new_hit C002 batch-e2 entry_added",
              "new_hit C003 batch-e3 entry_added", "new_hit C006 batch-e4 entry_added"});
  BatchSummary again = Run(*f.store, "2024-12-01");
  CHECK(again.mode == "parties");
  CHECK(again.parties_screened == 0);
  CHECK(again.alerts() == 0);
  // A forced full re-screen finds the same hits: still nothing new.
  BatchOptions full;
  full.full = true;
  BatchSummary forced = Run(*f.store, "2024-12-02", full);
  CHECK(forced.parties_screened == 7);
  CHECK(forced.alerts() == 0);
}

TEST_CASE(
    "the second snapshot gives exactly the expected alerts, and a false positive stays quiet") {
  Fixture f;
  f.Lists("lists_v1.csv");
  f.Customers("customers_v1.csv");
  BatchSummary first = Run(*f.store, "2024-12-01");
  Review(*f.store, HitOf(*f.store, first.run_id, "C006"), "false-positive");
  Review(*f.store, HitOf(*f.store, first.run_id, "C001"), "true-match");

  f.Lists("lists_v2.csv");
  f.Customers("customers_v2.csv");
  BatchSummary second = Run(*f.store, "2024-12-10");
  CHECK(second.mode == "all");
  CHECK(second.delta.added == 1);
  CHECK(second.delta.removed == 1);
  CHECK(second.delta.changed == 1);
  CHECK(second.delta.unchanged == 3);
  CHECK(AlertLines(*f.store, second.run_id) ==
        Lines{"changed_entry C002 batch-e2 entry_changed", "removed_hit C003 batch-e3 delisted",
              "new_hit C004 batch-e6 entry_added", "new_hit C005 batch-e5 party_changed",
              "new_hit C008 batch-e1 party_new"});
  auto status = GetBatchStatus(*f.store);
  REQUIRE(status.ok());
  CHECK(status->active_hits == std::vector<std::pair<std::string, int64_t>>{
                                   {"false-positive", 1}, {"open", 4}, {"true-match", 1}});
  CHECK(Run(*f.store, "2024-12-10").alerts() == 0);
}

TEST_CASE("a false-positive decision expires on its --until day") {
  Fixture f;
  f.Lists("lists_v1.csv");
  f.Customers("customers_v1.csv");
  BatchSummary first = Run(*f.store, "2024-12-01");
  const std::string hit = HitOf(*f.store, first.run_id, "C006");
  Review(*f.store, hit, "false-positive", "2025-01-31");
  CHECK(Run(*f.store, "2025-01-31").alerts() == 0);  // the last day it holds
  BatchSummary lapsed = Run(*f.store, "2025-02-01");
  CHECK(AlertLines(*f.store, lapsed.run_id) == Lines{"new_hit C006 batch-e4 decision_expired"});
  CHECK(f.store->GetLedgerHit(hit).value()->status == "open");
  CHECK(Run(*f.store, "2025-02-02").alerts() == 0);  // raised once, not every night
}

TEST_CASE("a false positive lapses when the party or the entry changes") {
  Fixture f;
  f.Lists("lists_v1.csv");
  f.Customers("customers_v1.csv");
  BatchSummary first = Run(*f.store, "2024-12-01");
  Review(*f.store, HitOf(*f.store, first.run_id, "C006"), "false-positive");
  Review(*f.store, HitOf(*f.store, first.run_id, "C002"), "false-positive");

  // C006 moves address: same name, still a hit, but the decision was made about another party.
  auto moved = RegisterParties(
      *f.store, {{"C006", "Zhang Wei Technologies", "CN", "2 New Road, Beijing", "entity"}},
      "customers", "test");
  REQUIRE(moved.ok());
  CHECK(moved->changed == 1);
  BatchSummary after_move = Run(*f.store, "2024-12-02");
  CHECK(after_move.mode == "parties");
  CHECK(after_move.parties_screened == 1);
  CHECK(AlertLines(*f.store, after_move.run_id) == Lines{"new_hit C006 batch-e4 party_changed"});

  // batch-e2 changes in v2: C002's decision lapses with a changed_entry alert.
  f.Lists("lists_v2.csv");
  BatchSummary after_edit = Run(*f.store, "2024-12-02");
  Lines alerts = AlertLines(*f.store, after_edit.run_id);
  CHECK(std::count(alerts.begin(), alerts.end(), "changed_entry C002 batch-e2 entry_changed") == 1);
}

TEST_CASE("a delta run leaves the ledger a full re-screen would give, with the scores of screen") {
  Fixture delta;
  delta.Lists("lists_v1.csv");
  delta.Customers("customers_v1.csv");
  Run(*delta.store, "2024-12-01");
  delta.Lists("lists_v2.csv");
  delta.Customers("customers_v2.csv");
  Run(*delta.store, "2024-12-10");

  Fixture fresh;
  fresh.Lists("lists_v2.csv");
  fresh.Customers("customers_v2.csv");
  Run(*fresh.store, "2024-12-10");
  const LedgerView view = ActiveLedger(*delta.store);
  CHECK(view == ActiveLedger(*fresh.store));
  CHECK(view.size() == 6);

  auto loaded = LoadActiveIndex(*fresh.store);
  REQUIRE(loaded.ok());
  auto hits = delta.store->LedgerHitsForParties("C005", "C005");
  REQUIRE(hits.ok());
  REQUIRE(hits->size() == 1);
  ScreenQuery q;
  q.name = "Aurora Semiconductor Supply Ltd";
  q.country = "HK";
  q.type = PartyType::kEntity;
  q.as_of = *Date::Parse("2024-12-10");
  auto screened = loaded->index->Screen(q);
  REQUIRE(!screened.empty());
  CHECK(screened[0].score == hits->front().score);
}

TEST_CASE("alerts.jsonl lines follow the contract") {
  Fixture f;
  f.Lists("lists_v1.csv");
  f.Customers("customers_v1.csv");
  BatchSummary first = Run(*f.store, "2024-12-01");
  std::string text = AlertsJsonl(*f.store, first.run_id);
  std::string line = text.substr(0, text.find('\n'));
  CHECK(line.rfind("{\"alert_id\":\"R1-H", 0) == 0);
  CHECK(line.find("\"kind\":\"new_hit\",\"party\":{\"id\":\"C001\",\"name\":\"Volkov Trading "
                  "LLC\"},\"hit\":{\"list_id\":\"batch-e1\"") != std::string::npos);
  CHECK(line.find(",\"run\":1,\"hit_id\":\"H") != std::string::npos);
}

TEST_CASE("reviews are validated and recorded in the audit log") {
  Fixture f;
  f.Lists("lists_v1.csv");
  f.Customers("customers_v1.csv");
  BatchSummary first = Run(*f.store, "2024-12-01");
  const std::string hit = HitOf(*f.store, first.run_id, "C001");
  CHECK(ReviewHit(*f.store, {hit, "maybe", "x", std::nullopt, "t"}).status().IsInvalidArgument());
  CHECK(
      ReviewHit(*f.store, {hit, "escalate", " ", std::nullopt, "t"}).status().IsInvalidArgument());
  CHECK(ReviewHit(*f.store, {hit, "true-match", "x", Date::FromYmd(2025, 1, 1), "t"})
            .status()
            .IsInvalidArgument());
  CHECK(ReviewHit(*f.store, {"Hnope", "escalate", "x", std::nullopt, "t"}).status().IsNotFound());
  auto ok = ReviewHit(*f.store, {hit, "escalate", "ask legal", std::nullopt, "alice"});
  REQUIRE(ok.ok());
  CHECK(ok->hit.status == "escalated");
  std::string payload, kind, actor;
  REQUIRE(f.store
              ->ExportAudit(std::nullopt,
                            [&](const AuditRecord& r) {
                              kind = r.kind;
                              actor = r.actor;
                              payload = r.payload;
                              return Status::OK();
                            })
              .ok());
  CHECK(kind == "review");
  CHECK(actor == "alice");
  CHECK(payload.find("\"note\":\"ask legal\"") != std::string::npos);
  auto verify = f.store->VerifyAuditLog();
  REQUIRE(verify.ok());
  CHECK(verify->intact);
}

TEST_CASE("customers.csv errors name the file, line and field") {
  const std::string dir = std::filesystem::temp_directory_path() / "chokepoint-batch-csv";
  std::filesystem::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& text) {
    std::string path = dir + "/" + name;
    FILE* fp = std::fopen(path.c_str(), "w");
    REQUIRE(fp);
    std::fputs(text.c_str(), fp);
    std::fclose(fp);
    return path;
  };
  auto bad_country = write("c1.csv", "id,name,country\nA1,Good Co,DE\nA2,Bad Co,Atlantis\n");
  auto r = data::ReadCustomerMaster(bad_country);
  REQUIRE(!r.ok());
  CHECK(r.status().IsInvalidArgument());
  CHECK(r.status().message().find(bad_country + ":3: field 'country'") != std::string::npos);
  auto dup = write("c2.csv", "id,name,country\nA1,Good Co,DE\nA1,Other Co,FR\n");
  CHECK(data::ReadCustomerMaster(dup).status().message().find(":3: field 'id': 'A1' already on "
                                                              "line 2") != std::string::npos);
  auto no_name = write("c3.csv", "id,country\nA1,DE\n");
  CHECK(data::ReadCustomerMaster(no_name).status().message().find(":1: field 'name'") !=
        std::string::npos);
  auto bad_type = write("c4.csv", "id,name,country,address,type\nA1,Good Co,DE,,robot\n");
  CHECK(data::ReadCustomerMaster(bad_type).status().message().find(":2: field 'type'") !=
        std::string::npos);
  CHECK(data::ReadCustomerMaster(dir + "/missing.csv").status().IsNotFound());
  auto store = MemoryStore();
  CHECK(!service::ImportCustomerMaster(*store, bad_country, "t").ok());
  CHECK(store->CountRegisteredParties().value() == 0);  // all or nothing
}

}  // namespace
}  // namespace chokepoint::testing

namespace chokepoint::testing {
namespace {

// A party network in the store: Harbor Holdings is 30 % owned by Volkov Trading (Entity List,
// batch-e1) and 25 % by Northern Star Electronics (batch-e2) until 2026-11-30; Side Street is 30 %
// owned by Volkov alone.
void StoreOwnershipNetwork(Store& store) {
  PartyNetwork network;
  const std::vector<std::tuple<const char*, const char*, const char*>> parties = {
      {"V", "Volkov Trading LLC", "RU"},
      {"N", "Northern Star Electronics Co Ltd", "CN"},
      {"H", "Harbor Holdings Ltd", "HK"},
      {"S", "Side Street Trading Ltd", "HK"}};
  std::vector<PartyRecord> records;
  for (const auto& [id, name, country] : parties) {
    Party p;
    p.id = id;
    p.name = name;
    p.country = country;
    REQUIRE(network.AddParty(p).ok());
    records.push_back({id, name, country, "", "entity"});
  }
  auto owns = [&](const char* from, const char* to, int64_t pct, const char* until) {
    Link l;
    l.from = from;
    l.to = to;
    l.relation = Relation::kOwns;
    l.share_pct = Rational(pct);
    l.dates.from = *Date::Parse("2020-01-01");
    if (until) l.dates.to = *Date::Parse(until);
    l.source = "registry extract (test)";
    REQUIRE(network.AddLink(l).ok());
  };
  owns("V", "H", 30, nullptr);
  owns("N", "H", 25, "2026-11-30");
  owns("V", "S", 30, nullptr);
  REQUIRE(store.UpsertPartyNetwork(network).ok());
  auto registered = RegisterParties(store, std::move(records), "graph-import", "test");
  REQUIRE_MESSAGE(registered.ok(), registered.status().ToString());
}

TEST_CASE("ownership: a party 50 % owned by listed parties is alerted while the rule is in force") {
  auto pack = RulePack::Load(testing::SourcePath("rules/ear"));
  REQUIRE(pack.ok());
  std::unique_ptr<Store> store = MemoryStore();
  ImportList(*store, {SourcePath("fixtures/batch/lists_v1.csv")}, data::ListFormat::kCslCsv);
  StoreOwnershipNetwork(*store);
  BatchOptions options;
  options.rules = *pack;

  // The Affiliates rule is stayed on 2025-12-01: the owners are hits, Harbor is not.
  BatchSummary stayed = Run(*store, "2025-12-01", options);
  CHECK(AlertLines(*store, stayed.run_id) ==
        Lines{"new_hit N batch-e2 entry_added", "new_hit V batch-e1 entry_added"});

  // The stay ended on 2026-11-09: 30 % + 25 % = 55 % → covered. Nothing list-side changed, so
  // only Harbor, whose ownership moved, is screened.
  BatchSummary covered = Run(*store, "2026-11-20", options);
  CHECK(covered.mode == "parties");
  CHECK(covered.parties_screened == 1);
  CHECK(AlertLines(*store, covered.run_id) ==
        Lines{"new_hit H bis.affiliates-50pct owned_by_listed"});
  const std::string alerts = AlertsJsonl(*store, covered.run_id);
  CHECK(alerts.find("\"low_pct\":\"55\"") != std::string::npos);
  CHECK(alerts.find("Northern Star Electronics Co Ltd; Volkov Trading LLC") != std::string::npos);
  CHECK(alerts.find("744.11") != std::string::npos);

  // Same facts, next day: nothing new.
  CHECK(Run(*store, "2026-11-21", options).alerts() == 0);

  // Northern Star's stake ends on 2026-11-30: 30 % is below the threshold.
  BatchSummary below = Run(*store, "2026-12-05", options);
  CHECK(AlertLines(*store, below.run_id) ==
        Lines{"removed_hit H bis.affiliates-50pct ownership_below_threshold"});

  // A forced full re-screen agrees with the runs that got here step by step.
  BatchOptions full = options;
  full.full = true;
  CHECK(Run(*store, "2026-12-06", full).alerts() == 0);
}

}  // namespace
}  // namespace chokepoint::testing
