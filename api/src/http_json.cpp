#include "http_json.h"

namespace chokepoint::api {

namespace {

const char* TitleFor(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 503:
      return "Service Unavailable";
    default:
      return status >= 500 ? "Internal Server Error" : "Error";
  }
}

const char* TypeName(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    default:
      return "a number";
  }
}

}  // namespace

ApiResponse Problem(int status, std::string_view detail, std::string_view pointer) {
  Json doc = {{"type", "about:blank"},
              {"title", TitleFor(status)},
              {"status", status},
              {"detail", std::string(detail)}};
  if (!pointer.empty() || status == 400) doc["pointer"] = std::string(pointer);
  ApiResponse r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = doc.dump(-1, ' ', false, Json::error_handler_t::replace);
  r.audit_summary = {{"error", std::string(detail)}};
  return r;
}

int HttpStatusFor(const Status& status) {
  switch (status.code()) {
    case Status::Code::kOk:
      return 200;
    case Status::Code::kInvalidArgument:
      return 400;
    case Status::Code::kNotFound:
      return 404;
    case Status::Code::kCorruption:
    case Status::Code::kIOError:
    case Status::Code::kInternal:
      return 500;
  }
  return 500;
}

ApiResponse ProblemFor(const Status& status, std::string_view pointer) {
  int http = HttpStatusFor(status);
  if (http >= 500) {
    ApiResponse r = Problem(http, "the server failed to answer; the operator's log has the cause");
    r.audit_summary = {{"error", status.ToString()}};
    return r;
  }
  return Problem(http, status.message(), pointer);
}

Json ParseObject(std::string_view body) {
  Json doc;
  try {
    doc = Json::parse(body);
  } catch (const Json::parse_error& e) {
    throw BadRequest("", std::string("malformed JSON: ") + e.what());
  }
  if (!doc.is_object()) throw BadRequest("", "the body must be a JSON object");
  return doc;
}

std::string EscapePointerToken(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

ObjectReader::ObjectReader(const Json& object, std::string pointer)
    : object_(object), pointer_(std::move(pointer)) {
  if (!object_.is_object()) {
    throw BadRequest(pointer_, std::string("expected an object, got ") + TypeName(object_));
  }
}

std::string ObjectReader::PointerTo(std::string_view name) const {
  return pointer_ + "/" + EscapePointerToken(name);
}

const Json* ObjectReader::Get(const char* name) {
  read_.insert(name);
  auto it = object_.find(name);
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

const Json* ObjectReader::Raw(const char* name) { return Get(name); }

std::optional<std::string> ObjectReader::String(const char* name) {
  const Json* v = Get(name);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    throw BadRequest(PointerTo(name), std::string("expected a string, got ") + TypeName(*v));
  }
  return v->get<std::string>();
}

std::string ObjectReader::RequiredString(const char* name) {
  std::optional<std::string> v = String(name);
  if (!v) throw BadRequest(PointerTo(name), std::string("the field '") + name + "' is required");
  return *v;
}

std::optional<double> ObjectReader::Number(const char* name) {
  const Json* v = Get(name);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    throw BadRequest(PointerTo(name), std::string("expected a number, got ") + TypeName(*v));
  }
  return v->get<double>();
}

std::optional<int64_t> ObjectReader::Integer(const char* name) {
  const Json* v = Get(name);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    throw BadRequest(PointerTo(name), std::string("expected an integer, got ") + TypeName(*v));
  }
  return v->get<int64_t>();
}

std::optional<bool> ObjectReader::Bool(const char* name) {
  const Json* v = Get(name);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    throw BadRequest(PointerTo(name), std::string("expected a boolean, got ") + TypeName(*v));
  }
  return v->get<bool>();
}

void ObjectReader::Finish() const {
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (read_.find(it.key()) == read_.end()) {
      throw BadRequest(PointerTo(it.key()), "unknown field '" + it.key() + "'");
    }
  }
}

}  // namespace chokepoint::api
