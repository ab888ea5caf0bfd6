// The connection loop: pipelined requests, and a graceful stop that lets the request in flight
// finish before the connection closes.
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <thread>

#include "api/api_test_util.h"

namespace chokepoint {
namespace {

std::string ReadAll(Poco::Net::StreamSocket& socket, size_t at_least) {
  std::string out;
  char buf[8192];
  socket.setReceiveTimeout(Poco::Timespan(5, 0));
  while (out.size() < at_least) {
    int n = socket.receiveBytes(buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST_CASE("pipelined requests on one connection are all answered, in order") {
  testing::TestServer s("pipeline.db", false);
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", s.port()));
  std::string one = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  std::string two = one + one + one;
  socket.sendBytes(two.data(), static_cast<int>(two.size()));
  std::string answer;
  for (int i = 0; i < 50 && Count(answer, "{\"status\":\"ok\"}") < 3; ++i) {
    answer += ReadAll(socket, 1);
  }
  CHECK(Count(answer, "HTTP/1.1 200") == 3);
}

TEST_CASE("Stop waits for the request in flight, answers it, then refuses new connections") {
  testing::TestServer s("graceful.db", false);
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", s.port()));
  std::string body = R"({"name":"National University of Defense Technology"})";
  std::string head =
      "POST /v1/screen HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + s.screen_key +
      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\n\r\n";
  std::string first = head + body.substr(0, 10);
  socket.sendBytes(first.data(), static_cast<int>(first.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the server is reading it

  std::atomic<bool> stopped{false};
  Status stop_status;
  std::thread stopper([&] {
    stop_status = s.server->Stop();
    stopped = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(!stopped);  // waiting for our request
  std::string rest = body.substr(10);
  socket.sendBytes(rest.data(), static_cast<int>(rest.size()));
  std::string answer = ReadAll(socket, 200);
  CHECK(answer.find("HTTP/1.1 200") == 0);
  stopper.join();
  CHECK(stopped);
  CHECK(stop_status.ok());
  bool refused = false;
  try {
    testing::Http(s.port(), "GET", "/healthz");
  } catch (const Poco::Exception&) {
    refused = true;
  }
  CHECK(refused);
  // The audit record of the answered call was committed before the database closed.
  auto store = OpenSqliteStore(s.db);
  int api_records = 0;
  REQUIRE((*store)
              ->ExportAudit(std::nullopt,
                            [&](const AuditRecord& r) {
                              api_records += r.kind == "api";
                              return Status::OK();
                            })
              .ok());
  CHECK(api_records == 1);
}

}  // namespace
}  // namespace chokepoint
