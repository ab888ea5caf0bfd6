// An API server in the test process on 127.0.0.1 and an ephemeral port, over a scratch database
// with the fixture lists (and optionally the Cadence party network), plus a small HTTP client.
#pragma once

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "chokepoint/api/api_keys.h"
#include "chokepoint/api/server.h"
#include "chokepoint/data/list_import.h"
#include "chokepoint/data/party_csv.h"
#include "testutil.h"

namespace chokepoint::testing {

struct HttpReply {
  int status = 0;
  std::string content_type;
  std::string body;
  nlohmann::json Json() const { return nlohmann::json::parse(body); }
};

inline HttpReply Http(uint16_t port, const std::string& method, const std::string& path,
                      const std::string& body = {}, const std::string& key = {},
                      const std::string& content_type = "application/json") {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!key.empty()) req.set("Authorization", "Bearer " + key);
  if (!body.empty() || method == "POST") {
    req.setContentType(content_type);
    req.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  session.sendRequest(req) << body;
  Poco::Net::HTTPResponse resp;
  std::istream& in = session.receiveResponse(resp);
  HttpReply r;
  r.status = static_cast<int>(resp.getStatus());
  r.content_type = resp.getContentType();
  Poco::StreamCopier::copyToString(in, r.body);
  return r;
}

inline std::string ScratchDb(const std::string& name) {
  auto dir =
      std::filesystem::temp_directory_path() /
      ("chokepoint-api-tests-" + std::to_string(::getpid()));  // runs side by side stay apart
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

// A database with the fixture CSL and, when `with_graph`, the Cadence party network.
inline void PrepareDb(const std::string& db, bool with_graph) {
  auto store = OpenSqliteStore(db);
  REQUIRE(store.ok());
  auto imported = data::ImportListFiles(**store, {SourcePath("fixtures/lists/csl/csl.csv")},
                                        data::ListFormat::kAuto, false, "test");
  REQUIRE_MESSAGE(imported.ok(), imported.status().ToString());
  if (with_graph) {
    PartyNetwork network;
    auto report =
        data::ImportPartyCsvFiles(SourcePath("fixtures/graph/cadence/parties.csv"),
                                  SourcePath("fixtures/graph/cadence/links.csv"), &network);
    REQUIRE(report.ok());
    REQUIRE((*store)->UpsertPartyNetwork(network).ok());
  }
}

inline std::string NewKey(const std::string& db, api::Role role, const std::string& name) {
  auto store = OpenSqliteStore(db);
  REQUIRE(store.ok());
  auto key = api::CreateApiKey(**store, role, name);
  REQUIRE_MESSAGE(key.ok(), key.status().ToString());
  return key->key;
}

struct TestServer {
  std::string db;
  std::unique_ptr<api::ApiServer> server;
  std::string screen_key, audit_key, admin_key;

  explicit TestServer(const std::string& name, bool with_graph = true,
                      api::ServerOptions options = {}) {
    db = ScratchDb(name);
    PrepareDb(db, with_graph);
    screen_key = NewKey(db, api::Role::kScreen, "screener");
    audit_key = NewKey(db, api::Role::kAudit, "auditor");
    admin_key = NewKey(db, api::Role::kAdmin, "admin");
    options.db_path = db;
    options.port = 0;
    options.threads = 4;
    auto created = api::ApiServer::Create(options);
    REQUIRE_MESSAGE(created.ok(), created.status().ToString());
    server = std::move(created).value();
    server->Start();
  }
  ~TestServer() {
    if (server) server->Stop();
  }
  uint16_t port() const { return server->port(); }
  HttpReply Post(const std::string& path, const std::string& body, const std::string& key) const {
    return Http(port(), "POST", path, body, key);
  }
  HttpReply Get(const std::string& path, const std::string& key = {}) const {
    return Http(port(), "GET", path, {}, key);
  }
};

}  // namespace chokepoint::testing
