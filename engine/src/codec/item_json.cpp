#include <set>

#include "chokepoint/json.h"
#include "codec/json_number.h"

namespace chokepoint {

namespace {

using codec::Json;

class SpecReader {
 public:
  explicit SpecReader(std::string_view source) : source_(source) {}

  Status Error(const std::string& pointer, const std::string& what) const {
    return Status::InvalidArgument(std::string(source_) + ": " + (pointer.empty() ? "/" : pointer) +
                                   ": " + what);
  }

  Result<Rational> ReadNumber(const Json& v, const std::string& pointer) const {
    if (v.is_number_integer()) return Rational(v.get<int64_t>());
    if (v.is_number_float()) {
      auto r = Rational::FromDouble(v.get<double>());
      if (!r.ok()) return Error(pointer, r.status().message());
      return r;
    }
    if (v.is_string()) {
      auto r = Rational::Parse(v.get<std::string>());
      if (!r.ok()) return Error(pointer, r.status().message());
      return r;
    }
    return Error(pointer, "expected a number");
  }

  Result<bool> ReadBool(const Json& v, const std::string& pointer) const {
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_string()) {
      std::string s = v.get<std::string>();
      if (s == "yes" || s == "true") return true;
      if (s == "no" || s == "false") return false;
    }
    return Error(pointer, "expected true or false");
  }

  Result<std::string> ReadString(const Json& v, const std::string& pointer) const {
    if (!v.is_string()) return Error(pointer, "expected a string");
    return v.get<std::string>();
  }

  Status ReadProvenance(const Json& obj, const std::string& pointer, Provenance* p) const {
    if (auto it = obj.find("basis"); it != obj.end()) {
      auto s = ReadString(*it, pointer + "/basis");
      if (!s.ok()) return s.status();
      auto basis = ParseBasis(*s);
      if (!basis)
        return Error(pointer + "/basis", "expected published, estimated, computed or user");
      p->basis = *basis;
    }
    if (auto it = obj.find("source"); it != obj.end()) {
      auto s = ReadString(*it, pointer + "/source");
      if (!s.ok()) return s.status();
      p->source = *s;
    }
    return Status::OK();
  }

  Result<Throughput> ReadThroughput(const Json& v, const std::string& pointer) const {
    if (!v.is_object()) return Error(pointer, "expected an object");
    static const std::set<std::string> kKnown = {"precision", "bit_length", "bits",  "tops",
                                                 "sparse",    "basis",      "source"};
    for (const auto& [key, _] : v.items()) {
      if (!kKnown.count(key)) return Error(pointer + "/" + key, "unknown field");
    }
    Throughput t;
    if (auto it = v.find("precision"); it != v.end()) {
      auto s = ReadString(*it, pointer + "/precision");
      if (!s.ok()) return s.status();
      t.precision = *s;
    }
    auto bits = v.find("bit_length");
    std::string bits_ptr = pointer + "/bit_length";
    if (bits == v.end()) {
      bits = v.find("bits");
      bits_ptr = pointer + "/bits";
    }
    if (bits == v.end()) return Error(pointer, "missing bit_length");
    if (!bits->is_number_integer() || bits->get<int64_t>() <= 0 || bits->get<int64_t>() > 1024) {
      return Error(bits_ptr, "expected a positive whole number of bits");
    }
    t.bit_length = static_cast<int>(bits->get<int64_t>());
    auto tops = v.find("tops");
    if (tops == v.end()) return Error(pointer, "missing tops");
    auto n = ReadNumber(*tops, pointer + "/tops");
    if (!n.ok()) return n.status();
    t.tops = *n;
    if (auto it = v.find("sparse"); it != v.end()) {
      auto b = ReadBool(*it, pointer + "/sparse");
      if (!b.ok()) return b.status();
      t.sparse = *b;
    }
    if (Status s = ReadProvenance(v, pointer, &t.provenance); !s.ok()) return s;
    return t;
  }

  Result<ItemSpec> Read(const Json& doc) const {
    if (!doc.is_object()) return Error("", "an item spec is a JSON object");
    ItemSpec item;
    struct NumberField {
      const char* name;
      std::optional<Rational> ItemSpec::*field;
    };
    static const NumberField kNumbers[] = {
        {"tpp", &ItemSpec::tpp},
        {"die_area_mm2", &ItemSpec::die_area_mm2},
        {"memory_bandwidth_gbps", &ItemSpec::memory_bandwidth_gbps},
        {"package_area_mm2", &ItemSpec::package_area_mm2},
        {"interconnect_gbps", &ItemSpec::interconnect_gbps},
        {"process_nm", &ItemSpec::process_nm},
        {"transistors_billion", &ItemSpec::transistors_billion},
    };
    struct BoolField {
      const char* name;
      std::optional<bool> ItemSpec::*field;
    };
    static const BoolField kBools[] = {{"non_planar", &ItemSpec::non_planar},
                                       {"has_hbm", &ItemSpec::has_hbm},
                                       {"hbm", &ItemSpec::has_hbm},
                                       {"datacenter", &ItemSpec::datacenter}};
    std::optional<Throughput> shorthand;
    for (const auto& [key, value] : doc.items()) {
      std::string ptr = "/" + key;
      bool handled = false;
      for (const auto& f : kNumbers) {
        if (key != f.name) continue;
        auto n = ReadNumber(value, ptr);
        if (!n.ok()) return n.status();
        item.*(f.field) = *n;
        handled = true;
      }
      for (const auto& f : kBools) {
        if (key != f.name) continue;
        auto b = ReadBool(value, ptr);
        if (!b.ok()) return b.status();
        item.*(f.field) = *b;
        handled = true;
      }
      if (handled) continue;
      if (key == "name" || key == "vendor" || key == "part_id") {
        auto s = ReadString(value, ptr);
        if (!s.ok()) return s.status();
        (key == "name" ? item.name : key == "vendor" ? item.vendor : item.part_id) = *s;
      } else if (key == "kind") {
        auto s = ReadString(value, ptr);
        if (!s.ok()) return s.status();
        auto kind = ParseItemKind(*s);
        if (!kind) return Error(ptr, "expected ic, computer or hbm");
        item.kind = *kind;
      } else if (key == "throughput") {
        if (!value.is_array()) return Error(ptr, "expected an array");
        for (size_t i = 0; i < value.size(); ++i) {
          auto t = ReadThroughput(value[i], ptr + "/" + std::to_string(i));
          if (!t.ok()) return t.status();
          item.throughput.push_back(std::move(t).value());
        }
      } else if (key == "tops" || key == "bit_length") {
        if (!shorthand) shorthand.emplace();
      } else if (key == "provenance") {
        if (!value.is_object())
          return Error(ptr, "expected an object of {basis, source} by figure name");
        for (const auto& [figure, prov] : value.items()) {
          if (!prov.is_object()) return Error(ptr + "/" + figure, "expected {basis, source}");
          Provenance p;
          if (Status s = ReadProvenance(prov, ptr + "/" + figure, &p); !s.ok()) return s;
          item.provenance[figure] = p;
        }
      } else {
        return Error(ptr, "unknown field");
      }
    }
    if (shorthand) {
      Json row = {{"tops", doc.value("tops", Json())},
                  {"bit_length", doc.value("bit_length", Json())}};
      auto t = ReadThroughput(row, "");
      if (!t.ok())
        return Error("/tops", "tops and bit_length go together: " + t.status().message());
      item.throughput.push_back(std::move(t).value());
    }
    if (!item.tpp && item.throughput.empty() && item.kind != ItemKind::kHbmStack) {
      return Error("", "give tpp, or tops with bit_length, or a throughput array");
    }
    return item;
  }

 private:
  std::string_view source_;
};

}  // namespace

Result<ItemSpec> ItemSpecFromJson(std::string_view text, std::string_view source) {
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::parse_error& e) {
    // nlohmann's message names the line and column.
    return Status::InvalidArgument(std::string(source) + ": malformed JSON: " + e.what());
  }
  return SpecReader(source).Read(doc);
}

}  // namespace chokepoint
