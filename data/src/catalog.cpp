// Reads data/catalog/accelerators.xml and resolves the names people type for a part.
//
// Loading is strict (an unknown attribute is a typo that would otherwise drop a figure silently);
// lookup is forgiving about spelling but never guesses between two parts.
#include "chokepoint/data/catalog.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <new>
#include <numeric>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>

#include "chokepoint/rational.h"

#ifndef CHOKEPOINT_SOURCE_DIR
#define CHOKEPOINT_SOURCE_DIR "."
#endif

namespace chokepoint::data {

namespace {

// ---------------------------------------------------------------------------------------------
// Loading

struct Source {
  std::string_view text;
  const std::string& origin;
};

int LineAt(const Source& src, ptrdiff_t offset) {
  if (offset < 0) return 0;
  size_t end = std::min(static_cast<size_t>(offset), src.text.size());
  return 1 + static_cast<int>(std::count(src.text.begin(), src.text.begin() + end, '\n'));
}

Status Fail(const Source& src, pugi::xml_node node, const std::string& reason) {
  return Status::InvalidArgument(src.origin + ":" +
                                 std::to_string(LineAt(src, node.offset_debug())) + ": " + reason);
}

std::string Tag(pugi::xml_node node) { return "<" + std::string(node.name()) + ">"; }

using Attrs = std::map<std::string, std::string, std::less<>>;

// Reads a node's attributes. An attribute the schema does not know is almost always a misspelt one
// ("souce="), and ignoring it would silently drop a figure's provenance, so it is an error.
Result<Attrs> ReadAttributes(const Source& src, pugi::xml_node node,
                             std::initializer_list<std::string_view> required,
                             std::initializer_list<std::string_view> optional = {}) {
  Attrs attrs;
  for (pugi::xml_attribute a : node.attributes()) {
    std::string_view name = a.name();
    if (std::find(required.begin(), required.end(), name) == required.end() &&
        std::find(optional.begin(), optional.end(), name) == optional.end()) {
      return Fail(src, node, "unknown attribute '" + std::string(name) + "' on " + Tag(node));
    }
    attrs[std::string(name)] = a.as_string();
  }
  for (std::string_view name : required) {
    auto it = attrs.find(name);
    if (it == attrs.end() || it->second.empty()) {
      return Fail(src, node,
                  Tag(node) + " needs a non-empty '" + std::string(name) + "' attribute");
    }
  }
  return attrs;
}

Result<Rational> Number(const Source& src, pugi::xml_node node, const char* attr,
                        const std::string& text, bool zero_ok) {
  Result<Rational> r = Rational::Parse(text);
  if (!r.ok()) {
    return Fail(src, node,
                "bad number '" + text + "' in attribute '" + attr + "': " + r.status().message());
  }
  if (r->IsNegative() || (!zero_ok && r->IsZero())) {
    return Fail(src, node,
                std::string("attribute '") + attr + "' must be " +
                    (zero_ok ? "zero or more" : "greater than zero") + ", got '" + text + "'");
  }
  return r;
}

Result<bool> Bool(const Source& src, pugi::xml_node node, const char* attr,
                  const std::string& text) {
  if (text == "true") return true;
  if (text == "false") return false;
  return Fail(src, node,
              std::string("attribute '") + attr + "' must be true or false, got '" + text + "'");
}

Result<Provenance> ReadProvenance(const Source& src, pugi::xml_node node, const Attrs& attrs) {
  const std::string& basis = attrs.at("basis");
  std::optional<Provenance::Basis> b = ParseBasis(basis);
  // "user" is what the CLI records for typed-in figures; a catalog figure always has a document.
  if (!b || *b == Provenance::Basis::kUserSupplied) {
    return Fail(src, node, "basis must be published, estimated or computed, got '" + basis + "'");
  }
  return Provenance{*b, attrs.at("source")};
}

struct NumberFigure {
  const char* name;
  std::optional<Rational> ItemSpec::*field;
  bool zero_ok;  // 0 is a real answer for "no chip-to-chip link", never for an area
};
constexpr NumberFigure kNumberFigures[] = {
    {"die_area_mm2", &ItemSpec::die_area_mm2, false},
    {"package_area_mm2", &ItemSpec::package_area_mm2, false},
    {"process_nm", &ItemSpec::process_nm, false},
    {"transistors_billion", &ItemSpec::transistors_billion, false},
    {"memory_bandwidth_gbps", &ItemSpec::memory_bandwidth_gbps, true},
    {"interconnect_gbps", &ItemSpec::interconnect_gbps, true},
};
struct BoolFigure {
  const char* name;
  std::optional<bool> ItemSpec::*field;
};
constexpr BoolFigure kBoolFigures[] = {{"non_planar", &ItemSpec::non_planar},
                                       {"has_hbm", &ItemSpec::has_hbm}};

Status ReadFigure(const Source& src, pugi::xml_node node, ItemSpec& spec) {
  Result<Attrs> a = ReadAttributes(src, node, {"name", "value", "basis", "source"});
  if (!a.ok()) return a.status();
  Result<Provenance> prov = ReadProvenance(src, node, *a);
  if (!prov.ok()) return prov.status();
  const std::string& name = a->at("name");
  const std::string& value = a->at("value");
  if (spec.provenance.count(name)) return Fail(src, node, "figure '" + name + "' given twice");
  for (const NumberFigure& f : kNumberFigures) {
    if (name != f.name) continue;
    Result<Rational> v = Number(src, node, "value", value, f.zero_ok);
    if (!v.ok()) return v.status();
    spec.*f.field = *v;
    spec.provenance[name] = *prov;
    return Status::OK();
  }
  for (const BoolFigure& f : kBoolFigures) {
    if (name != f.name) continue;
    Result<bool> v = Bool(src, node, "value", value);
    if (!v.ok()) return v.status();
    spec.*f.field = *v;
    spec.provenance[name] = *prov;
    return Status::OK();
  }
  return Fail(src, node, "unknown figure '" + name + "'");
}

Status ReadThroughput(const Source& src, pugi::xml_node node, ItemSpec& spec) {
  Result<Attrs> a =
      ReadAttributes(src, node, {"precision", "bits", "tops", "basis", "source"}, {"sparse"});
  if (!a.ok()) return a.status();
  Throughput t;
  t.precision = a->at("precision");
  const std::string& bits = a->at("bits");
  auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), t.bit_length);
  if (ec != std::errc() || end != bits.data() + bits.size() || t.bit_length <= 0) {
    return Fail(src, node, "attribute 'bits' must be a positive integer, got '" + bits + "'");
  }
  Result<Rational> tops = Number(src, node, "tops", a->at("tops"), /*zero_ok=*/false);
  if (!tops.ok()) return tops.status();
  t.tops = *tops;
  if (auto it = a->find("sparse"); it != a->end()) {
    Result<bool> sparse = Bool(src, node, "sparse", it->second);
    if (!sparse.ok()) return sparse.status();
    t.sparse = *sparse;
  }
  Result<Provenance> prov = ReadProvenance(src, node, *a);
  if (!prov.ok()) return prov.status();
  t.provenance = *prov;
  spec.throughput.push_back(std::move(t));
  return Status::OK();
}

bool IsKebab(const std::string& id) {
  return !id.empty() && id.front() != '-' && id.back() != '-' &&
         std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
         });
}

Result<CatalogPart> ReadPart(const Source& src, pugi::xml_node node) {
  Result<Attrs> a = ReadAttributes(src, node, {"id", "vendor", "name"},
                                   {"kind", "datacenter", "datacenter_source"});
  if (!a.ok()) return a.status();
  CatalogPart part;
  part.id = a->at("id");
  part.vendor = a->at("vendor");
  part.name = a->at("name");
  if (!IsKebab(part.id)) {
    return Fail(src, node, "id '" + part.id + "' is not kebab-case (a-z, 0-9, '-')");
  }
  part.spec.name = part.vendor + " " + part.name;
  part.spec.vendor = part.vendor;
  part.spec.part_id = part.id;
  if (auto it = a->find("kind"); it != a->end()) {
    std::optional<ItemKind> kind = ParseItemKind(it->second);
    if (!kind) return Fail(src, node, "kind must be ic, computer or hbm, got '" + it->second + "'");
    part.spec.kind = *kind;
  }
  auto dc = a->find("datacenter");
  auto dc_source = a->find("datacenter_source");
  if (dc != a->end()) {
    Result<bool> v = Bool(src, node, "datacenter", dc->second);
    if (!v.ok()) return v.status();
    // The non-datacenter Note turns on this flag, so it needs a citation like any other figure.
    if (dc_source == a->end() || dc_source->second.empty()) {
      return Fail(src, node, "datacenter needs a datacenter_source");
    }
    part.spec.datacenter = *v;
    part.spec.provenance["datacenter"] =
        Provenance{Provenance::Basis::kPublished, dc_source->second};
  } else if (dc_source != a->end()) {
    return Fail(src, node, "datacenter_source given without datacenter");
  }

  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      return Fail(src, node, "unexpected text in <part>; put prose in a <note>");
    }
    if (child.type() != pugi::node_element) continue;
    std::string_view tag = child.name();
    Status s;
    if (tag == "alias" || tag == "note") {
      if (Result<Attrs> none = ReadAttributes(src, child, {}); !none.ok()) return none.status();
      std::string text = child.text().as_string();
      if (text.empty()) return Fail(src, child, Tag(child) + " is empty");
      (tag == "alias" ? part.aliases : part.notes).push_back(std::move(text));
    } else if (tag == "throughput") {
      s = ReadThroughput(src, child, part.spec);
    } else if (tag == "figure") {
      s = ReadFigure(src, child, part.spec);
    } else {
      s = Fail(src, child, "unknown element " + Tag(child) + " in <part>");
    }
    if (!s.ok()) return s;
  }
  return part;
}

// ---------------------------------------------------------------------------------------------
// Lookup

using Words = std::vector<std::string>;

// Words people add or leave out without meaning a different part.
const std::set<std::string, std::less<>> kOptionalWords = {
    "nvidia",  "amd",      "intel",  "huawei", "habana",     "hisilicon", "labs",
    "geforce", "instinct", "radeon", "tesla",  "datacenter", "gpu",       "accelerator"};
// Two-word marketing phrases: "Data Center GPU", "Tensor Core GPU".
const std::pair<std::string_view, std::string_view> kOptionalPairs[] = {{"data", "center"},
                                                                        {"tensor", "core"}};

Words Normalise(std::string_view text) {
  Words raw;
  std::string word;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      word += static_cast<char>(std::tolower(u));
    } else if (!word.empty()) {
      raw.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) raw.push_back(std::move(word));

  Words out;
  for (size_t i = 0; i < raw.size(); ++i) {
    bool pair = false;
    for (auto [first, second] : kOptionalPairs) {
      if (raw[i] == first && i + 1 < raw.size() && raw[i + 1] == second) pair = true;
    }
    if (pair) {
      ++i;
    } else if (!kOptionalWords.count(raw[i])) {
      out.push_back(raw[i]);
    }
  }
  return out;
}

std::string Join(const Words& words) {
  return std::accumulate(words.begin(), words.end(), std::string());
}

bool IsProperPrefix(const Words& prefix, const Words& whole) {
  return prefix.size() < whole.size() && std::equal(prefix.begin(), prefix.end(), whole.begin());
}

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), size_t{0});
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string NameList(const std::vector<const CatalogPart*>& parts) {
  std::string out;
  for (const CatalogPart* p : parts) out += (out.empty() ? "" : ", ") + p->name;
  return out;
}

}  // namespace

Result<Catalog> Catalog::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read catalog " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::IOError("error reading catalog " + path);
  return Parse(text.str(), path);
}

Result<Catalog> Catalog::Parse(std::string_view xml, const std::string& origin) {
  Source src{xml, origin};
  // pugixml reports failures by value, but can throw std::bad_alloc; nothing may escape as an
  // exception from this library.
  try {
    pugi::xml_document doc;
    pugi::xml_parse_result r =
        doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!r) {
      return Status::InvalidArgument(origin + ":" + std::to_string(LineAt(src, r.offset)) +
                                     ": malformed XML: " + r.description());
    }
    pugi::xml_node root = doc.document_element();
    if (!root) return Status::InvalidArgument(origin + ":1: the file has no <catalog> element");
    if (std::string_view(root.name()) != "catalog") {
      return Fail(src, root, "the root element must be <catalog>, got " + Tag(root));
    }
    Result<Attrs> attrs = ReadAttributes(src, root, {"version"});
    if (!attrs.ok()) return attrs.status();

    Catalog catalog;
    catalog.version_ = attrs->at("version");
    std::map<std::string, std::string> owner_of_spelling;  // joined words -> part id
    for (pugi::xml_node child : root.children()) {
      if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        return Fail(src, root, "unexpected text in <catalog>");
      }
      if (child.type() != pugi::node_element) continue;
      if (std::string_view(child.name()) != "part") {
        return Fail(src, child, "unknown element " + Tag(child) + " in <catalog>");
      }
      Result<CatalogPart> part = ReadPart(src, child);
      if (!part.ok()) return part.status();

      std::vector<Words> keys;
      for (const std::string& spelling : {part->name, part->vendor + " " + part->name, part->id}) {
        keys.push_back(Normalise(spelling));
      }
      for (const std::string& alias : part->aliases) keys.push_back(Normalise(alias));
      for (const Words& key : keys) {
        if (key.empty())
          return Fail(src, child, "a name or alias of part " + part->id + " has no model words");
        // Two parts answering to one spelling would make Find() depend on file order.
        auto [it, inserted] = owner_of_spelling.emplace(Join(key), part->id);
        if (!inserted && it->second != part->id) {
          return Fail(src, child,
                      "part " + part->id + " and part " + it->second + " share the spelling '" +
                          it->first + "'");
        }
      }
      catalog.parts_.push_back(std::move(*part));
      catalog.keys_.push_back(std::move(keys));
    }
    if (catalog.parts_.empty()) return Fail(src, root, "the catalog lists no <part>");
    return catalog;
  } catch (const std::exception& e) {
    return Status::Internal(origin + ": " + e.what());
  }
}

Result<const CatalogPart*> Catalog::Find(std::string_view query) const {
  Words words = Normalise(query);
  if (words.empty())
    return Status::InvalidArgument("part name '" + std::string(query) + "' names no model");
  const std::string joined = Join(words);

  // Exact spelling first, compared without spaces so "RTX4090" and "RTX 4090" agree. Load()
  // guarantees at most one part owns a spelling, so this is never ambiguous, and it lets
  // "RTX 4090" name the 4090 although it also begins "RTX 4090 D".
  for (size_t i = 0; i < parts_.size(); ++i) {
    for (const Words& key : keys_[i]) {
      if (Join(key) == joined) return &parts_[i];
    }
  }
  // Then the query as the first words of a name ("H200" for "H200 SXM"). Word-wise only: "L40"
  // must not become "L40S", a different chip with a different TPP.
  std::vector<const CatalogPart*> matches;
  for (size_t i = 0; i < parts_.size(); ++i) {
    bool hit = std::any_of(keys_[i].begin(), keys_[i].end(),
                           [&](const Words& k) { return IsProperPrefix(words, k); });
    if (hit) matches.push_back(&parts_[i]);
  }
  if (matches.size() == 1) return matches.front();
  if (matches.size() > 1) {
    return Status::InvalidArgument("ambiguous part '" + std::string(query) +
                                   "': " + NameList(matches));
  }
  return Status::NotFound("unknown part '" + std::string(query) +
                          "'; closest catalog parts: " + NameList(Closest(query, 3)));
}

std::vector<const CatalogPart*> Catalog::Closest(std::string_view query, size_t n) const {
  Words words = Normalise(query);
  const std::string joined = Join(words);
  struct Scored {
    bool first_word_differs;  // a shared family word ("A100", "Ascend") outranks a close spelling
    size_t distance;
    size_t index;
  };
  std::vector<Scored> scored;
  for (size_t i = 0; i < parts_.size(); ++i) {
    Scored s{true, SIZE_MAX, i};
    for (const Words& key : keys_[i]) {
      bool differs = words.empty() || key.front() != words.front();
      size_t d = EditDistance(joined, Join(key));
      if (std::tie(differs, d) < std::tie(s.first_word_differs, s.distance)) {
        s.first_word_differs = differs;
        s.distance = d;
      }
    }
    scored.push_back(s);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
    return std::tie(a.first_word_differs, a.distance) < std::tie(b.first_word_differs, b.distance);
  });
  std::vector<const CatalogPart*> out;
  for (size_t i = 0; i < scored.size() && i < n; ++i) out.push_back(&parts_[scored[i].index]);
  return out;
}

}  // namespace chokepoint::data
