// A local HTTP server for `lists update` tests: serves files by URL path, plus the misbehaviours
// a real mirror shows (redirects, HTML error pages, missing files). Runs in the test process on
// 127.0.0.1 and an ephemeral port; there is no internet in CI.
#pragma once

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace chokepoint::testing {

class FileServer {
 public:
  struct Route {
    enum class Kind { kFile, kRedirect, kHtml };
    Kind kind = Kind::kFile;
    std::string target;  // the file to send, or the Location to redirect to
  };

  FileServer() : state_(std::make_shared<State>()) {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    port_ = socket.address().port();
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(state_), socket,
                                                      new Poco::Net::HTTPServerParams);
    server_->start();
  }
  ~FileServer() { server_->stopAll(/*abortCurrent=*/true); }

  void ServeFile(const std::string& url_path, const std::string& file) {
    Set(url_path, {Route::Kind::kFile, file});
  }
  void Redirect(const std::string& url_path, const std::string& location) {
    Set(url_path, {Route::Kind::kRedirect, location});
  }
  void ServeHtml(const std::string& url_path) { Set(url_path, {Route::Kind::kHtml, {}}); }

  std::string BaseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int requests() const { return state_->requests.load(); }

 private:
  struct State {
    std::mutex mu;
    std::map<std::string, Route> routes;
    std::atomic<int> requests{0};
  };

  class Handler : public Poco::Net::HTTPRequestHandler {
   public:
    explicit Handler(std::shared_ptr<State> state) : state_(std::move(state)) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
      ++state_->requests;
      Route route;
      bool found = false;
      {
        std::lock_guard<std::mutex> lock(state_->mu);
        auto it = state_->routes.find(Poco::URI(request.getURI()).getPath());
        if (it != state_->routes.end()) {
          route = it->second;
          found = true;
        }
      }
      if (!found) {
        response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
        response.send() << "not found";
        return;
      }
      switch (route.kind) {
        case Route::Kind::kFile:
          response.sendFile(route.target, "text/plain");
          return;
        case Route::Kind::kRedirect:
          response.redirect(route.target);
          return;
        case Route::Kind::kHtml:
          response.setContentType("text/html; charset=utf-8");
          response.send() << "<html><body>This page has moved.</body></html>";
          return;
      }
    }

   private:
    std::shared_ptr<State> state_;
  };

  class Factory : public Poco::Net::HTTPRequestHandlerFactory {
   public:
    explicit Factory(std::shared_ptr<State> state) : state_(std::move(state)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
      return new Handler(state_);
    }

   private:
    std::shared_ptr<State> state_;
  };

  void Set(const std::string& url_path, Route route) {
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->routes[url_path] = std::move(route);
  }

  std::shared_ptr<State> state_;
  uint16_t port_ = 0;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace chokepoint::testing
