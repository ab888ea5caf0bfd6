// Each error class: malformed JSON, wrong types, unknown fields (400 with a JSON pointer), body
// and batch limits, unknown routes and methods, media type, not-ready, slow clients.
#include <Poco/Net/StreamSocket.h>

#include <thread>

#include "api/api_test_util.h"

namespace chokepoint {
namespace {

using testing::Http;
using testing::TestServer;

void CheckProblem(const testing::HttpReply& r, int status, const std::string& pointer) {
  CHECK_MESSAGE(r.status == status, r.body);
  CHECK(r.content_type == "application/problem+json");
  auto doc = r.Json();
  CHECK(doc["status"] == status);
  CHECK(!doc["detail"].get<std::string>().empty());
  if (status == 400) CHECK_MESSAGE(doc["pointer"] == pointer, r.body);
}

TEST_CASE("bad bodies are 400 problems that point at the field") {
  api::ServerOptions options;
  options.max_batch = 3;
  options.max_body_bytes = 4096;
  TestServer s("errors.db", false, options);
  const std::string& k = s.screen_key;
  CheckProblem(s.Post("/v1/screen", "{\"name\":", k), 400, "");
  CheckProblem(s.Post("/v1/screen", "[1,2]", k), 400, "");
  CheckProblem(s.Post("/v1/screen", "{}", k), 400, "/name");
  CheckProblem(s.Post("/v1/screen", R"({"name":42})", k), 400, "/name");
  CheckProblem(s.Post("/v1/screen", R"({"name":"x y","nmae":"typo"})", k), 400, "/nmae");
  CheckProblem(s.Post("/v1/screen", R"({"name":"NUDT","threshold":"high"})", k), 400, "/threshold");
  CheckProblem(s.Post("/v1/screen", R"({"name":"NUDT","threshold":1.5})", k), 400, "/threshold");
  CheckProblem(s.Post("/v1/screen", R"({"name":"NUDT","country":"Atlantis"})", k), 400, "/country");
  CheckProblem(s.Post("/v1/screen", R"({"name":"NUDT","as_of":"2024-13-01"})", k), 400, "/as_of");
  CheckProblem(s.Post("/v1/screen", R"({"name":"NUDT","type":"robot"})", k), 400, "/type");
  CheckProblem(s.Post("/v1/screen", R"({"name":"  ,. "})", k), 400, "/name");

  CheckProblem(s.Post("/v1/screen/batch", R"({"parties":{}})", k), 400, "/parties");
  CheckProblem(s.Post("/v1/screen/batch", R"({"parties":[]})", k), 400, "/parties");
  CheckProblem(s.Post("/v1/screen/batch", R"({"parties":[{"name":"a"},{"name":7}]})", k), 400,
               "/parties/1/name");
  CheckProblem(s.Post("/v1/screen/batch", R"({"parties":[{"name":"a"},"b"]})", k), 400,
               "/parties/1");
  CheckProblem(s.Post("/v1/screen/batch",
                      R"({"parties":[{"name":"a"},{"name":"b"},{"name":"c"},{"name":"d"}]})", k),
               400, "/parties");

  CheckProblem(s.Post("/v1/classify", R"({"destination":"CN"})", k), 400, "");
  CheckProblem(s.Post("/v1/classify", R"({"part":"H100 SXM5","destination":"Atlantis"})", k), 400,
               "/destination");
  CheckProblem(s.Post("/v1/classify", R"({"spec":{"name":"x","tpp":"lots"}})", k), 400,
               "/spec/tpp");
  CHECK(s.Post("/v1/classify", R"({"part":"L40"})", k).status == 404);
  CheckProblem(s.Post("/v1/trace", R"({"name":"a","party_id":"b"})", k), 400, "");

  // Limits and protocol.
  std::string big = R"({"name":")" + std::string(5000, 'a') + "\"}";
  CheckProblem(s.Post("/v1/screen", big, k), 413, "");
  CheckProblem(Http(s.port(), "POST", "/v1/screen", R"({"name":"NUDT"})", k, "text/plain"), 415,
               "");
  CheckProblem(s.Get("/v1/nothing", k), 404, "");
  CheckProblem(s.Get("/v1/screen", k), 405, "");
  CheckProblem(s.Get("/v1/lists?x=1", ""), 401, "");
}

TEST_CASE("a server without lists is alive but not ready, and says so") {
  std::string db = testing::ScratchDb("empty.db");
  std::string key = testing::NewKey(db, api::Role::kScreen, "s");
  api::ServerOptions options;
  options.db_path = db;
  options.port = 0;
  auto server = api::ApiServer::Create(options);
  REQUIRE(server.ok());
  (*server)->Start();
  CHECK(Http((*server)->port(), "GET", "/healthz").status == 200);
  CHECK(Http((*server)->port(), "GET", "/readyz").status == 503);
  CHECK(Http((*server)->port(), "POST", "/v1/screen", R"({"name":"NUDT"})", key).status == 503);
  CHECK((*server)->Stop().ok());
}

TEST_CASE("a client that sends its body too slowly is cut off") {
  api::ServerOptions options;
  options.socket_timeout_ms = 300;
  TestServer s("slow.db", false, options);
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", s.port()));
  std::string head = "POST /v1/screen HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                     s.screen_key +
                     "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{";
  socket.sendBytes(head.data(), static_cast<int>(head.size()));
  socket.setReceiveTimeout(Poco::Timespan(5, 0));
  char buf[4096];
  // The server's 300 ms deadline, not the 5 s receive timeout above, must end the wait: a server
  // that waited for the body would leave receiveBytes to time out (it throws) with no 408.
  int n = socket.receiveBytes(buf, sizeof buf);
  REQUIRE(n > 0);
  CHECK(std::string(buf, static_cast<size_t>(n)).find("408") != std::string::npos);
}

}  // namespace
}  // namespace chokepoint
