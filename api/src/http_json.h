// The API's one JSON codec for requests and errors, and its one Status -> HTTP mapping.
//
// Request bodies are read strictly: malformed JSON, a wrong type or an unknown field is a 400
// problem (RFC 9457, application/problem+json) whose "pointer" names the field as a JSON pointer.
// Handlers throw BadRequest while reading; the router turns it into the problem document.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

#include "chokepoint/status.h"

namespace chokepoint::api {

using Json = nlohmann::json;

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // What the audit record says about the outcome (a small JSON value; null: nothing to add).
  Json audit_summary;
  // Extra headers (Retry-After, Allow, WWW-Authenticate).
  std::vector<std::pair<std::string, std::string>> headers;
};

// A problem in the request, at `pointer` ("" is the whole body).
class BadRequest : public std::runtime_error {
 public:
  BadRequest(std::string pointer, const std::string& detail)
      : std::runtime_error(detail), pointer_(std::move(pointer)) {}
  const std::string& pointer() const { return pointer_; }

 private:
  std::string pointer_;
};

// The problem document for `status` with a title from the status code.
ApiResponse Problem(int status, std::string_view detail, std::string_view pointer = {});
// The one Status -> HTTP mapping: InvalidArgument 400, NotFound 404, everything else 500 (whose
// detail is not shown to the client: it may name files and database internals).
int HttpStatusFor(const Status& status);
ApiResponse ProblemFor(const Status& status, std::string_view pointer = {});

// Parses a request body that must be a JSON object.
Json ParseObject(std::string_view body);

// Reads the fields of one JSON object, remembering which it read; Finish() rejects the rest.
class ObjectReader {
 public:
  // `pointer` is where the object sits in the document ("" for the body itself).
  ObjectReader(const Json& object, std::string pointer);

  std::optional<std::string> String(const char* name);
  std::string RequiredString(const char* name);
  std::optional<double> Number(const char* name);
  std::optional<int64_t> Integer(const char* name);
  std::optional<bool> Bool(const char* name);
  // The raw value (any type), or null.
  const Json* Raw(const char* name);
  // Each unknown field is an error; call after reading the known ones.
  void Finish() const;

  std::string PointerTo(std::string_view name) const;

 private:
  const Json* Get(const char* name);
  const Json& object_;
  std::string pointer_;
  std::set<std::string, std::less<>> read_;
};

// JSON pointer escaping of one reference token (~ -> ~0, / -> ~1).
std::string EscapePointerToken(std::string_view token);

}  // namespace chokepoint::api
