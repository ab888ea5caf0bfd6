// The store's API-key and batch-audit methods, key generation, and the group-commit writer.
#include <thread>
#include <vector>

#include "../../api/src/audit_writer.h"
#include "api/api_test_util.h"

namespace chokepoint {
namespace {

using testing::ScratchDb;

StoreOptions FixedClock() {
  StoreOptions options;
  options.now = [] { return std::string("2026-01-02T03:04:05Z"); };
  return options;
}

TEST_CASE("AppendAuditBatch chains exactly as AppendAudit does, and is all or nothing") {
  auto one = OpenSqliteStore(":memory:", FixedClock());
  auto batch = OpenSqliteStore(":memory:", FixedClock());
  REQUIRE(one.ok());
  REQUIRE(batch.ok());
  std::vector<AuditAppend> records;
  for (int i = 0; i < 5; ++i) {
    records.push_back({"api", "key-" + std::to_string(i), "{\"n\":" + std::to_string(i) + "}"});
    REQUIRE((*one)
                ->AppendAudit(records.back().kind, records.back().actor, records.back().payload)
                .ok());
  }
  auto last = (*batch)->AppendAuditBatch(records);
  REQUIRE(last.ok());
  CHECK(*last == 5);
  std::vector<std::string> a, b;
  REQUIRE((*one)
              ->ExportAudit(std::nullopt,
                            [&](const AuditRecord& r) {
                              a.push_back(r.hash);
                              return Status::OK();
                            })
              .ok());
  REQUIRE((*batch)
              ->ExportAudit(std::nullopt,
                            [&](const AuditRecord& r) {
                              b.push_back(r.hash);
                              return Status::OK();
                            })
              .ok());
  CHECK(a == b);
  CHECK((*batch)->VerifyAuditLog()->intact);

  std::vector<AuditAppend> bad = {{"api", "x", "{}"}, {"api", "x", "not json"}};
  CHECK(!(*batch)->AppendAuditBatch(bad).ok());
  CHECK((*batch)->VerifyAuditLog()->records_checked == 5);  // nothing of the bad batch stayed
  CHECK(*(*batch)->AppendAuditBatch({}) == 0);
}

TEST_CASE("API keys: created with a salted hash only, found by id, listed, revoked by name") {
  std::string db = ScratchDb("keys.db");
  auto store = OpenSqliteStore(db);
  REQUIRE(store.ok());
  auto created = api::CreateApiKey(**store, api::Role::kAudit, "erp-prod");
  REQUIRE(created.ok());
  const std::string& key = created->key;
  CHECK(key.size() >= 32);
  for (char c : key) CHECK((std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'));
  CHECK(api::KeyIdOf(key) == created->record.key_id);
  CHECK(api::KeyMatches(created->record, key));
  std::string wrong = key;
  wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
  CHECK(!api::KeyMatches(created->record, wrong));

  auto found = (*store)->GetApiKey(created->record.key_id);
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  CHECK((*found)->role == "audit");
  CHECK((*found)->key_hash != key);
  CHECK((*found)->key_hash.find(key) == std::string::npos);
  CHECK(!(*found)->revoked_at);

  // Names are unique and printable: they become the audit log's actor.
  CHECK(api::CreateApiKey(**store, api::Role::kScreen, "erp-prod").status().IsInvalidArgument());
  CHECK(api::CreateApiKey(**store, api::Role::kScreen, "two\nlines").status().IsInvalidArgument());
  auto unnamed = api::CreateApiKey(**store, api::Role::kScreen, "");
  REQUIRE(unnamed.ok());
  CHECK(unnamed->record.name == "screen-" + unnamed->record.key_id);
  CHECK((*store)->ListApiKeys()->size() == 2);

  auto revoked = (*store)->RevokeApiKey("erp-prod");
  REQUIRE(revoked.ok());
  CHECK(revoked->revoked_at.has_value());
  CHECK((*(*store)->GetApiKey(created->record.key_id))->revoked_at == revoked->revoked_at);
  CHECK((*store)->RevokeApiKey("nobody").status().IsNotFound());
  CHECK(!(*store)->GetApiKey("0000000000000000")->has_value());
}

TEST_CASE("the audit writer commits from many threads in batches and flushes on Stop") {
  std::string db = ScratchDb("writer.db");
  auto store = OpenSqliteStore(db);
  REQUIRE(store.ok());
  api::AuditWriter writer(std::move(store).value(), {});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&writer, t] {
      for (int i = 0; i < 500; ++i) {
        auto ticket = writer.Submit({"api", "t" + std::to_string(t), "{\"i\":1}"});
        REQUIRE(ticket.ok());
        if (i % 100 == 0) REQUIRE(writer.WaitCommitted(*ticket, 10000).ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(writer.Stop().ok());
  CHECK(!writer.Submit({"api", "", "{}"}).ok());
  auto check = OpenSqliteStore(db);
  auto verified = (*check)->VerifyAuditLog();
  REQUIRE(verified.ok());
  CHECK(verified->intact);
  CHECK(verified->records_checked == 2000);
}

TEST_CASE("a full audit queue refuses instead of dropping") {
  auto store = OpenSqliteStore(":memory:");
  REQUIRE(store.ok());
  api::AuditWriter::Options options;
  options.queue_limit = 0;
  api::AuditWriter writer(std::move(store).value(), options);
  CHECK(writer.Submit({"api", "", "{}"}).status().IsIOError());
}

}  // namespace
}  // namespace chokepoint
