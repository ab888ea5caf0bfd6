#include "connection.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>
#include <poll.h>

#include <cerrno>
#include <memory>

namespace chokepoint::api {

namespace net = Poco::Net;

namespace {

// Exposes how much of the next request is already buffered (pipelined requests must not wait
// for the socket).
class Session final : public net::HTTPServerSession {
 public:
  using net::HTTPServerSession::HTTPServerSession;
  bool HasBuffered() const { return buffered() > 0; }
};

// True when the socket has bytes (or EOF) within timeout_ms.
bool WaitReadable(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  for (;;) {
    int r = ::poll(&p, 1, timeout_ms);
    if (r >= 0) return r > 0;
    if (errno != EINTR) return false;
  }
}

void SendError(net::HTTPServerSession& session, net::HTTPResponse::HTTPStatus status) {
  net::HTTPServerResponseImpl response(session);
  response.setVersion(net::HTTPMessage::HTTP_1_1);
  response.setStatusAndReason(status);
  response.setKeepAlive(false);
  response.send();
  session.setKeepAlive(false);
}

}  // namespace

bool ConnectionRegistry::Add(ApiConnection* connection) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_) return false;
  connections_.insert(connection);
  return true;
}

void ConnectionRegistry::Remove(ApiConnection* connection) {
  std::lock_guard<std::mutex> lock(mu_);
  connections_.erase(connection);
}

void ConnectionRegistry::StopAll() {
  std::lock_guard<std::mutex> lock(mu_);
  stopping_ = true;
  // Connections deregister under mu_, so each pointer here is alive while it is stopped.
  for (ApiConnection* c : connections_) c->Stop();
}

int ConnectionRegistry::active() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(connections_.size());
}

ApiConnection::ApiConnection(const net::StreamSocket& socket,
                             net::HTTPRequestHandlerFactory::Ptr handlers,
                             net::HTTPServerParams::Ptr params, ConnectionRegistry& registry)
    : net::TCPServerConnection(socket),
      handlers_(std::move(handlers)),
      params_(std::move(params)),
      registry_(registry) {}

void ApiConnection::Stop() {
  stopped_ = true;
  std::lock_guard<std::mutex> lock(busy_);  // the request in flight finishes first
  try {
    socket().shutdown();
  } catch (const Poco::Exception&) {
    // Already closed by the peer.
  }
}

void ApiConnection::run() {
  if (!registry_.Add(this)) return;
  struct Deregister {
    ConnectionRegistry& registry;
    ApiConnection* connection;
    ~Deregister() { registry.Remove(connection); }
  } deregister{registry_, this};
  try {
    // Poco writes a response's head and body separately; with Nagle's algorithm the body would
    // wait for the client's delayed ACK of the head (up to 40 ms).
    socket().setNoDelay(true);
  } catch (const Poco::Exception&) {
  }
  Session session(socket(), params_);  // sets the socket's receive and send timeouts
  const int fd = socket().impl()->sockfd();
  const int keep_alive_ms = static_cast<int>(params_->getKeepAliveTimeout().totalMilliseconds());
  bool first = true;
  while (!stopped_) {
    const int wait_ms =
        first ? static_cast<int>(params_->getTimeout().totalMilliseconds()) : keep_alive_ms;
    first = false;
    if (!session.HasBuffered() && !WaitReadable(fd, wait_ms)) break;  // idle: close
    std::lock_guard<std::mutex> lock(busy_);
    if (stopped_) break;
    try {
      net::HTTPServerResponseImpl response(session);
      net::HTTPServerRequestImpl request(response, session, params_.get());
      response.setDate(Poco::Timestamp());
      response.setVersion(request.getVersion());
      response.setKeepAlive(params_->getKeepAlive() && request.getKeepAlive());
      response.set("Server", params_->getServerName());
      std::unique_ptr<net::HTTPRequestHandler> handler(handlers_->createRequestHandler(request));
      if (request.getExpectContinue() && response.getStatus() == net::HTTPResponse::HTTP_OK) {
        response.sendContinue();
      }
      handler->handleRequest(request, response);
      if (!response.sent()) response.send();
      session.setKeepAlive(params_->getKeepAlive() && response.getKeepAlive());
      if (!session.getKeepAlive()) break;
    } catch (const net::NoMessageException&) {
      break;  // the client closed the connection
    } catch (const net::MessageException&) {
      try {
        SendError(session, net::HTTPResponse::HTTP_BAD_REQUEST);
      } catch (const Poco::Exception&) {
      }
      break;
    } catch (const Poco::Exception&) {
      break;  // a timeout or a broken connection
    }
  }
}

}  // namespace chokepoint::api
