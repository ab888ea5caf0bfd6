// The HTTP connection loop, in place of Poco's HTTPServerConnection. Poco waits for each next
// request on a keep-alive connection with Socket::poll, which (built with epoll) creates, fills
// and closes an epoll set per request: three extra system calls and a measured 14 % of the
// server's time. This loop waits with one poll(2) on the descriptor and is otherwise the same:
// one request at a time per connection, keep-alive as negotiated, and a stop that lets the
// request in flight finish before the socket is shut down.
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <atomic>
#include <mutex>
#include <set>

namespace chokepoint::api {

class ApiConnection;

// The live connections, so a stop can wait for each one's request in flight and then close it.
class ConnectionRegistry {
 public:
  bool Add(ApiConnection* connection);  // false once stopping: the connection closes at once
  void Remove(ApiConnection* connection);
  // Stops every connection: waits for its request in flight, then shuts its socket down.
  void StopAll();
  int active() const;

 private:
  mutable std::mutex mu_;
  std::set<ApiConnection*> connections_;
  bool stopping_ = false;
};

class ApiConnection final : public Poco::Net::TCPServerConnection {
 public:
  ApiConnection(const Poco::Net::StreamSocket& socket,
                Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                Poco::Net::HTTPServerParams::Ptr params, ConnectionRegistry& registry);
  void run() override;
  // Called by the registry: waits for the request in flight, then ends the connection.
  void Stop();

 private:
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
  Poco::Net::HTTPServerParams::Ptr params_;
  ConnectionRegistry& registry_;
  std::mutex busy_;  // held while a request is served
  std::atomic<bool> stopped_{false};
};

class ApiConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
 public:
  ApiConnectionFactory(Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                       Poco::Net::HTTPServerParams::Ptr params, ConnectionRegistry& registry)
      : handlers_(std::move(handlers)), params_(std::move(params)), registry_(registry) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
    return new ApiConnection(socket, handlers_, params_, registry_);
  }

 private:
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
  Poco::Net::HTTPServerParams::Ptr params_;
  ConnectionRegistry& registry_;
};

}  // namespace chokepoint::api
