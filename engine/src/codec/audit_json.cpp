// ShipmentResultToJson: one ledger result line, written directly: a million-line audit renders a
// million of these, and building a JSON tree for each cost a fifth of the audit's time. The HIT
// and path fragments are already compact JSON (graph_json.cpp, screen_json.cpp) and are embedded
// as they are.
#include <cstdio>

#include "chokepoint/json.h"

namespace chokepoint {

namespace {

class Writer {
 public:
  void Key(const char* key) {
    out_ += first_ ? "\"" : ",\"";
    out_ += key;
    out_ += "\":";
    first_ = false;
  }
  void String(std::string_view s) {
    out_ += '"';
    for (char c : s) {
      switch (c) {
        case '"':
          out_ += "\\\"";
          break;
        case '\\':
          out_ += "\\\\";
          break;
        case '\b':
          out_ += "\\b";
          break;
        case '\f':
          out_ += "\\f";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\r':
          out_ += "\\r";
          break;
        case '\t':
          out_ += "\\t";
          break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
            out_ += buf;
          } else {
            out_ += c;
          }
      }
    }
    out_ += '"';
  }
  void StringOrNull(std::string_view s) {
    if (s.empty()) {
      out_ += "null";
    } else {
      String(s);
    }
  }
  void Raw(std::string_view json) { out_ += json.empty() ? "null" : json; }
  void Open(char c) {
    out_ += c;
    first_ = true;
  }
  void Close(char c) {
    out_ += c;
    first_ = false;
  }
  void Comma() { out_ += ','; }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  bool first_ = true;
};

}  // namespace

std::string ShipmentResultToJson(const ShipmentResult& r) {
  Writer w;
  w.Open('{');
  w.Key("shipment_id");
  w.String(r.shipment_id);
  w.Key("ship_date");
  w.String(r.ship_date.ToString());
  w.Key("verdict");
  w.String(VerdictName(r.verdict));
  w.Key("eccn");
  w.String(r.eccn);
  w.Key("license_required");
  w.Raw(r.license_required ? (*r.license_required ? "true" : "false") : "null");
  w.Key("as_of");
  w.String(r.as_of.ToString());
  w.Key("line");
  w.Raw(std::to_string(r.line));
  w.Key("findings");
  w.Open('[');
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const AuditFinding& f = r.findings[i];
    if (i > 0) w.Comma();
    w.Open('{');
    w.Key("code");
    w.String(f.code);
    w.Key("severity");
    w.String(VerdictName(f.severity));
    w.Key("party_role");
    w.StringOrNull(f.party_role);
    w.Key("party_name");
    w.StringOrNull(f.party_name);
    w.Key("detail");
    w.String(f.detail);
    w.Key("rule");
    w.StringOrNull(f.rule);
    w.Key("citation");
    w.StringOrNull(f.citation);
    w.Key("list_hit");
    w.Raw(f.list_hit_json);
    w.Key("path");
    w.Raw(f.path ? PathToJson(*f.path) : "");
    w.Close('}');
  }
  w.Close(']');
  w.Close('}');
  return w.Take();
}

}  // namespace chokepoint
