// HTTPS with --tls-cert/--tls-key: a self-signed certificate made by the openssl command (the test
// skips, saying so, where that command is missing).
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>

#include <cstdlib>

#include "api/api_test_util.h"

namespace chokepoint {
namespace {

TEST_CASE("the server speaks HTTPS with a certificate and key, and refuses half a pair") {
  std::string dir = std::filesystem::path(testing::ScratchDb("tls")).parent_path().string();
  std::string cert = dir + "/cert.pem", key = dir + "/key.pem";
  std::string cmd =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout " + key +
      " -out " + cert + " >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) {
    MESSAGE("skipped: the openssl command is not available to make a test certificate");
    return;
  }
  api::ServerOptions half;
  half.db_path = testing::ScratchDb("tls-half.db");
  half.tls_cert = cert;
  CHECK(api::ApiServer::Create(half).status().IsInvalidArgument());

  api::ServerOptions options;
  options.tls_cert = cert;
  options.tls_key = key;
  testing::TestServer s("tls.db", false, options);
  CHECK(s.server->tls());
  Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::CLIENT_USE, "", "",
                                                           "", Poco::Net::Context::VERIFY_NONE);
  Poco::Net::HTTPSClientSession session("127.0.0.1", s.port(), context);
  Poco::Net::HTTPRequest req("POST", "/v1/screen", Poco::Net::HTTPMessage::HTTP_1_1);
  std::string body = R"({"name":"NUDT"})";
  req.set("Authorization", "Bearer " + s.screen_key);
  req.setContentType("application/json");
  req.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(req) << body;
  Poco::Net::HTTPResponse resp;
  std::string answer;
  Poco::StreamCopier::copyToString(session.receiveResponse(resp), answer);
  CHECK(resp.getStatus() == Poco::Net::HTTPResponse::HTTP_OK);
  CHECK(nlohmann::json::parse(answer)["hits"].size() >= 1);
}

}  // namespace
}  // namespace chokepoint
