// Reads a rule pack folder into RulePack::Impl, validating as it goes. Every error names the file
// and line, because the people who edit packs are compliance analysts, not C++ programmers.
#include <algorithm>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <sstream>

#include "chokepoint/item.h"
#include "chokepoint/sha256.h"
#include "rules/rule_pack_impl.h"

namespace chokepoint {

namespace {

namespace fs = std::filesystem;
using rules::Condition;

struct Source {
  size_t index = 0;  // position in the manifest (0: pack.xml)
  std::string file;  // relative to the pack folder
  std::string text;
  pugi::xml_document doc;
};

int LineOf(const Source& src, pugi::xml_node node) {
  ptrdiff_t offset = node.offset_debug();
  if (offset < 0) return 0;
  auto end =
      src.text.begin() + std::min<ptrdiff_t>(offset, static_cast<ptrdiff_t>(src.text.size()));
  return 1 + static_cast<int>(std::count(src.text.begin(), end, '\n'));
}

Status Fail(const Source& src, pugi::xml_node node, const std::string& reason) {
  return Status::InvalidArgument(src.file + ":" + std::to_string(LineOf(src, node)) + ": " +
                                 reason);
}

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> words;
  std::istringstream in{std::string(s)};
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

class PackLoader {
 public:
  PackLoader(std::string dir, RulePack::Impl& impl) : dir_(std::move(dir)), impl_(impl) {}

  Status Load() {
    Source& manifest = sources_.emplace_back();
    if (Status s = Read("pack.xml", manifest); !s.ok()) return s;
    pugi::xml_node root = manifest.doc.child("rule-pack");
    if (!root)
      return Fail(manifest, manifest.doc.first_child(), "root element must be <rule-pack>");
    if (Status s = CheckAttributes(manifest, root, {"id", "version", "covers-from", "title"});
        !s.ok())
      return s;
    impl_.id = root.attribute("id").value();
    impl_.version = root.attribute("version").value();
    impl_.title = root.attribute("title").value();
    if (impl_.id.empty() || impl_.version.empty())
      return Fail(manifest, root, "<rule-pack> needs id and version");
    auto covers = ParseDate(manifest, root, "covers-from");
    if (!covers.ok()) return covers.status();
    if (!*covers) return Fail(manifest, root, "<rule-pack> needs covers-from");
    impl_.covers_from = **covers;

    for (pugi::xml_node child : root.children()) {
      if (child.type() != pugi::node_element) continue;
      if (std::string_view(child.name()) != "file") {
        return Fail(manifest, child,
                    "unknown element <" + std::string(child.name()) + "> in <rule-pack>");
      }
      std::string href = child.attribute("href").value();
      if (href.empty()) return Fail(manifest, child, "<file> needs href");
      Source& src = sources_.emplace_back();
      if (Status s = Read(href, src); !s.ok())
        return s.WithContext(manifest.file + ":" + std::to_string(LineOf(manifest, child)));
    }
    // Groups first, so that rules in any file may name groups from any file.
    for (size_t i = 1; i < sources_.size(); ++i) {
      if (Status s = ReadGroups(sources_[i]); !s.ok()) return s;
    }
    for (size_t i = 1; i < sources_.size(); ++i) {
      if (Status s = ReadRules(sources_[i]); !s.ok()) return s;
    }
    if (Status s = CheckVersions(); !s.ok()) return s;
    if (Status s = CheckReferences(); !s.ok()) return s;
    for (const rules::CompiledRule& rule : impl_.rules) {
      const RuleInfo& info = impl_.infos[rule.info_index];
      if (info.kind != RuleKind::kVerdict) continue;
      impl_.verdict_rules.push_back({&info, rule.verdict, rule.lists, rule.destinations});
    }

    std::string all;
    for (const auto& src : sources_) all += src.file + "\n" + src.text;
    impl_.fingerprint =
        impl_.id + "@" + impl_.version + "+sha256:" + Sha256Hex(all).value().substr(0, 12);
    return Status::OK();
  }

 private:
  Status Read(const std::string& relative, Source& src) {
    src.index = sources_.size() - 1;
    src.file = relative;
    std::ifstream in(fs::path(dir_) / relative, std::ios::binary);
    if (!in)
      return Status::NotFound("cannot read rule file " + (fs::path(dir_) / relative).string());
    std::ostringstream buf;
    buf << in.rdbuf();
    src.text = buf.str();
    pugi::xml_parse_result r = src.doc.load_buffer(src.text.data(), src.text.size());
    if (!r) {
      std::string prefix(src.text.begin(),
                         src.text.begin() + std::min<ptrdiff_t>(
                                                r.offset, static_cast<ptrdiff_t>(src.text.size())));
      int line = 1 + static_cast<int>(std::count(prefix.begin(), prefix.end(), '\n'));
      return Status::InvalidArgument(relative + ":" + std::to_string(line) +
                                     ": malformed XML: " + r.description());
    }
    return Status::OK();
  }

  Status CheckAttributes(const Source& src, pugi::xml_node node,
                         std::initializer_list<std::string_view> allowed) {
    for (pugi::xml_attribute a : node.attributes()) {
      if (std::find(allowed.begin(), allowed.end(), std::string_view(a.name())) == allowed.end()) {
        return Fail(src, node,
                    "unknown attribute '" + std::string(a.name()) + "' on <" + node.name() + ">");
      }
    }
    return Status::OK();
  }

  Result<std::optional<Date>> ParseDate(const Source& src, pugi::xml_node node, const char* attr) {
    pugi::xml_attribute a = node.attribute(attr);
    if (!a) return std::optional<Date>();
    auto d = Date::Parse(a.value());
    if (!d.ok()) return Fail(src, node, std::string(attr) + ": " + d.status().message());
    return std::optional<Date>(*d);
  }

  Result<DateRange> ParseRange(const Source& src, pugi::xml_node node, const char* from,
                               const char* to) {
    DateRange range;
    auto f = ParseDate(src, node, from);
    if (!f.ok()) return f.status();
    auto t = ParseDate(src, node, to);
    if (!t.ok()) return t.status();
    if (*f) range.from = **f;
    if (*t) range.to = **t;
    if (range.to < range.from) return Fail(src, node, std::string(to) + " is before " + from);
    return range;
  }

  Status ReadGroups(const Source& src) {
    pugi::xml_node root = src.doc.child("rules");
    if (!root) return Fail(src, src.doc.first_child(), "root element must be <rules>");
    for (pugi::xml_node n : root.children("country-group")) {
      if (Status s = CheckAttributes(src, n, {"id", "title", "citation"}); !s.ok()) return s;
      std::string id = n.attribute("id").value();
      if (id.empty() || n.attribute("citation").empty())
        return Fail(src, n, "<country-group> needs id and citation");
      if (std::find(impl_.group_ids.begin(), impl_.group_ids.end(), id) != impl_.group_ids.end()) {
        return Fail(src, n, "country group '" + id + "' defined twice");
      }
      if (impl_.group_ids.size() == 64) return Fail(src, n, "more than 64 country groups");
      size_t index = impl_.group_ids.size();
      impl_.group_ids.push_back(id);
      impl_.group_titles.push_back(n.attribute("title").value());
      impl_.group_citations.push_back(n.attribute("citation").value());
      for (pugi::xml_node m : n.children()) {
        if (m.type() != pugi::node_element) continue;
        if (std::string_view(m.name()) == "source") continue;
        if (std::string_view(m.name()) != "member")
          return Fail(src, m, "unknown element <" + std::string(m.name()) + "> in <country-group>");
        if (Status s = CheckAttributes(src, m, {"cc", "from", "to", "citation", "name"}); !s.ok())
          return s;
        std::string cc = m.attribute("cc").value();
        if (!IsCountryCode(cc))
          return Fail(src, m, "cc '" + cc + "' is not an ISO 3166-1 alpha-2 code");
        auto range = ParseRange(src, m, "from", "to");
        if (!range.ok()) return range.status();
        std::string citation = m.attribute("citation").value();
        if ((m.attribute("from") || m.attribute("to")) && citation.empty()) {
          return Fail(src, m, "dated member " + cc + " of " + id + " needs a citation");
        }
        auto& list = impl_.members[cc];
        for (const auto& other : list) {
          if (other.group == index && other.dates.Overlaps(*range)) {
            return Fail(src, m, cc + " is listed in " + id + " twice for overlapping dates");
          }
        }
        list.push_back({index, *range, citation});
      }
    }
    for (pugi::xml_node n : root.children("treat-as")) {
      if (Status s = CheckAttributes(src, n, {"cc", "as", "from", "to", "citation"}); !s.ok())
        return s;
      rules::TreatAs t{n.attribute("cc").value(),
                       n.attribute("as").value(),
                       {},
                       n.attribute("citation").value()};
      if (!IsCountryCode(t.cc) || !IsCountryCode(t.as))
        return Fail(src, n, "<treat-as> needs cc and as country codes");
      if (t.citation.empty()) return Fail(src, n, "<treat-as> needs a citation");
      auto range = ParseRange(src, n, "from", "to");
      if (!range.ok()) return range.status();
      t.dates = *range;
      impl_.treat_as.push_back(t);
    }
    return Status::OK();
  }

  static bool IsCountryCode(std::string_view cc) {
    return cc.size() == 2 && std::isupper(static_cast<unsigned char>(cc[0])) &&
           std::isupper(static_cast<unsigned char>(cc[1]));
  }

  Status ReadRules(const Source& src) {
    pugi::xml_node root = src.doc.child("rules");
    for (pugi::xml_node n : root.children()) {
      if (n.type() != pugi::node_element) continue;
      std::string_view name = n.name();
      if (name == "country-group" || name == "treat-as") continue;
      if (name != "rule")
        return Fail(src, n, "unknown element <" + std::string(name) + "> in <rules>");
      if (Status s = ReadRule(src, n); !s.ok()) return s;
    }
    return Status::OK();
  }

  Status ReadRule(const Source& src, pugi::xml_node n);
  Result<Condition> ReadCondition(const Source& src, pugi::xml_node n);
  Status ReadPlaces(const Source& src, pugi::xml_node n, const char* attr, uint64_t* groups,
                    std::vector<std::string>* countries);
  Status CheckVersions();
  Status CheckReferences();

  std::string dir_;
  RulePack::Impl& impl_;
  std::deque<Source> sources_;  // a deque: references stay valid while files are added
  std::vector<std::pair<size_t, pugi::xml_node>>
      rule_nodes_;  // source index, node: for later errors
};

Status PackLoader::ReadRule(const Source& src, pugi::xml_node n) {
  static const std::set<std::string_view> kCommon = {
      "id", "kind", "citation", "fr", "effective_from", "effective_to", "compliance_from"};
  static const std::map<std::string_view, std::pair<RuleKind, std::set<std::string_view>>> kKinds =
      {
          {"classify", {RuleKind::kClassify, {"eccn", "rank", "applies-to", "controlled"}}},
          {"exclude", {RuleKind::kExclude, {"excludes"}}},
          {"presume", {RuleKind::kPresume, {"presume-eccn", "presume-datacenter"}}},
          {"rebut", {RuleKind::kRebut, {"rebuts"}}},
          {"license", {RuleKind::kLicense, {}}},
          {"policy", {RuleKind::kPolicy, {"policy", "priority"}}},
          {"exception", {RuleKind::kException, {"exception", "notification-days"}}},
          {"note", {RuleKind::kNote, {"severity"}}},
          {"ownership", {RuleKind::kOwnership, {"threshold-pct", "lists"}}},
          {"verdict", {RuleKind::kVerdict, {"verdict", "lists", "destinations"}}},
      };
  std::string kind_name = n.attribute("kind").value();
  auto kind = kKinds.find(kind_name);
  if (kind == kKinds.end())
    return Fail(src, n,
                "rule kind '" + kind_name +
                    "' is not one of classify, exclude, presume, rebut, license, policy, "
                    "exception, note, ownership, verdict");
  for (pugi::xml_attribute a : n.attributes()) {
    std::string_view an = a.name();
    if (!kCommon.count(an) && !kind->second.second.count(an)) {
      return Fail(src, n,
                  "unknown attribute '" + std::string(an) + "' on a " + kind_name + " rule");
    }
  }
  RuleInfo info;
  info.kind = kind->second.first;
  info.id = n.attribute("id").value();
  info.citation = n.attribute("citation").value();
  info.fr = n.attribute("fr").value();
  info.file = src.file;
  info.line = LineOf(src, n);
  if (info.id.empty()) return Fail(src, n, "rule without id");
  if (info.citation.empty()) return Fail(src, n, "rule " + info.id + " has no citation");
  auto range = ParseRange(src, n, "effective_from", "effective_to");
  if (!range.ok()) return range.status();
  info.effective = *range;
  auto compliance = ParseDate(src, n, "compliance_from");
  if (!compliance.ok()) return compliance.status();
  info.compliance_from = *compliance;

  rules::CompiledRule rule;
  bool has_title = false;
  for (pugi::xml_node c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view cn = c.name();
    if (cn == "title") {
      info.title = c.text().get();
      has_title = !info.title.empty();
    } else if (cn == "note") {
      info.note += (info.note.empty() ? "" : " ") + std::string(c.text().get());
    } else if (cn == "stay") {
      if (Status s = CheckAttributes(src, c, {"from", "to", "citation"}); !s.ok()) return s;
      auto stay = ParseRange(src, c, "from", "to");
      if (!stay.ok()) return stay.status();
      if (c.attribute("citation").empty()) return Fail(src, c, "<stay> needs a citation");
      info.stays.push_back({*stay, c.attribute("citation").value()});
    } else if (cn == "when") {
      if (rule.when) return Fail(src, c, "rule " + info.id + " has two <when> elements");
      std::vector<pugi::xml_node> kids;
      for (pugi::xml_node k : c.children()) {
        if (k.type() == pugi::node_element) kids.push_back(k);
      }
      if (kids.size() != 1)
        return Fail(src, c, "<when> must hold exactly one condition (use <all> or <any>)");
      auto cond = ReadCondition(src, kids.front());
      if (!cond.ok()) return cond.status();
      rule.when = std::move(cond).value();
    } else {
      return Fail(src, c, "unknown element <" + std::string(cn) + "> in rule " + info.id);
    }
  }
  if (!has_title) return Fail(src, n, "rule " + info.id + " has no <title>");

  auto need = [&](const char* attr) -> Status {
    if (n.attribute(attr).empty())
      return Fail(src, n, "a " + kind_name + " rule needs '" + attr + "'");
    return Status::OK();
  };
  auto integer = [&](const char* attr, int* out) -> Status {
    std::string text = n.attribute(attr).value();
    char* end = nullptr;
    long v = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0')
      return Fail(src, n, std::string(attr) + " '" + text + "' is not an integer");
    *out = static_cast<int>(v);
    return Status::OK();
  };
  Status s;
  switch (info.kind) {
    case RuleKind::kClassify: {
      if (!(s = need("eccn")).ok() || !(s = need("rank")).ok() || !(s = need("applies-to")).ok() ||
          !(s = integer("rank", &rule.rank)).ok()) {
        return s;
      }
      rule.eccn = info.outcome = n.attribute("eccn").value();
      for (const auto& k : SplitWords(n.attribute("applies-to").value())) {
        auto item_kind = ParseItemKind(k);
        if (!item_kind) return Fail(src, n, "applies-to '" + k + "' is not ic, computer or hbm");
        rule.applies_to |= rules::KindBit(static_cast<int>(*item_kind));
      }
      std::string controlled = n.attribute("controlled").value();
      if (!controlled.empty() && controlled != "true" && controlled != "false")
        return Fail(src, n, "controlled must be true or false");
      rule.controlled = controlled != "false";
      break;
    }
    case RuleKind::kExclude:
      if (!(s = need("excludes")).ok()) return s;
      rule.excludes = SplitWords(n.attribute("excludes").value());
      info.outcome = n.attribute("excludes").value();
      break;
    case RuleKind::kPresume:
      if (!(s = need("presume-eccn")).ok()) return s;
      rule.presume_eccn = info.outcome = n.attribute("presume-eccn").value();
      rule.presume_datacenter =
          std::string_view(n.attribute("presume-datacenter").value()) == "true";
      break;
    case RuleKind::kRebut:
      if (!(s = need("rebuts")).ok()) return s;
      rule.rebuts = info.outcome = n.attribute("rebuts").value();
      break;
    case RuleKind::kLicense:
      info.outcome = "licence required";
      break;
    case RuleKind::kPolicy:
      if (!(s = need("policy")).ok() || !(s = need("priority")).ok() ||
          !(s = integer("priority", &rule.priority)).ok())
        return s;
      rule.policy = info.outcome = n.attribute("policy").value();
      break;
    case RuleKind::kException:
      if (!(s = need("exception")).ok()) return s;
      rule.exception = info.outcome = n.attribute("exception").value();
      if (n.attribute("notification-days") &&
          !(s = integer("notification-days", &rule.notification_days)).ok())
        return s;
      break;
    case RuleKind::kNote: {
      std::string severity = n.attribute("severity").value();
      if (severity != "info" && severity != "warning")
        return Fail(src, n, "severity must be info or warning");
      rule.warning = severity == "warning";
      info.outcome = severity;
      break;
    }
    case RuleKind::kOwnership:
      if (!(s = need("threshold-pct")).ok()) return s;
      rule.threshold_pct = n.attribute("threshold-pct").value();
      rule.lists = n.attribute("lists").value();
      if (!Rational::Parse(rule.threshold_pct).ok())
        return Fail(src, n, "threshold-pct is not a number");
      info.outcome =
          "owned " + rule.threshold_pct + "% or more by listed parties (" + rule.lists + ")";
      break;
    case RuleKind::kVerdict: {
      if (!(s = need("verdict")).ok()) return s;
      rule.verdict = info.outcome = n.attribute("verdict").value();
      if (rule.verdict != "prohibited" && rule.verdict != "license-required" &&
          rule.verdict != "review") {
        return Fail(src, n, "verdict must be prohibited, license-required or review");
      }
      const bool on_lists = !n.attribute("lists").empty();
      const bool on_places = !n.attribute("destinations").empty();
      if (on_lists == on_places) {
        return Fail(src, n, "a verdict rule names either lists or destinations");
      }
      rule.lists = n.attribute("lists").value();
      if (on_places) {
        uint64_t groups = 0;
        std::vector<std::string> countries;
        if (!(s = ReadPlaces(src, n, "destinations", &groups, &countries)).ok()) return s;
        rule.destinations = SplitWords(n.attribute("destinations").value());
      }
      if (rule.when) return Fail(src, n, "a verdict rule takes no <when>");
      break;
    }
  }
  rule.info_index = impl_.infos.size();
  impl_.infos.push_back(std::move(info));
  impl_.rules.push_back(std::move(rule));
  rule_nodes_.emplace_back(src.index, n);
  return Status::OK();
}

Status PackLoader::ReadPlaces(const Source& src, pugi::xml_node n, const char* attr,
                              uint64_t* groups, std::vector<std::string>* countries) {
  for (const auto& w : SplitWords(n.attribute(attr).value())) {
    auto it = std::find(impl_.group_ids.begin(), impl_.group_ids.end(), w);
    if (it != impl_.group_ids.end()) {
      *groups |= uint64_t{1} << (it - impl_.group_ids.begin());
    } else if (IsCountryCode(w)) {
      countries->push_back(w);
    } else {
      return Fail(src, n,
                  "'" + w + "' is neither a country group defined in the pack nor a country code");
    }
  }
  return Status::OK();
}

Result<Condition> PackLoader::ReadCondition(const Source& src, pugi::xml_node n) {
  using Op = Condition::Op;
  static const std::map<std::string_view, Op> kOps = {{"all", Op::kAll},
                                                      {"any", Op::kAny},
                                                      {"not", Op::kNot},
                                                      {"ge", Op::kGe},
                                                      {"gt", Op::kGt},
                                                      {"le", Op::kLe},
                                                      {"lt", Op::kLt},
                                                      {"eq", Op::kEq},
                                                      {"in", Op::kIn},
                                                      {"known", Op::kKnown},
                                                      {"eccn", Op::kEccnIn},
                                                      {"destination", Op::kDestinationIn},
                                                      {"headquarters", Op::kHeadquartersIn},
                                                      {"export-year", Op::kExportYear}};
  auto op = kOps.find(n.name());
  if (op == kOps.end()) return Fail(src, n, "unknown condition <" + std::string(n.name()) + ">");
  Condition c;
  c.op = op->second;
  Status s;
  auto read_attr = [&]() -> Status {
    std::string name = n.attribute("attr").value();
    auto attr = rules::ParseAttr(name);
    if (!attr)
      return Fail(src, n, "unknown attribute name '" + name + "' (see docs/rules_format.md)");
    c.attr = *attr;
    return Status::OK();
  };
  switch (c.op) {
    case Op::kAll:
    case Op::kAny:
    case Op::kNot: {
      if (!(s = CheckAttributes(src, n, {})).ok()) return s;
      for (pugi::xml_node k : n.children()) {
        if (k.type() != pugi::node_element) continue;
        auto child = ReadCondition(src, k);
        if (!child.ok()) return child.status();
        c.children.push_back(std::move(child).value());
      }
      if (c.children.empty()) return Fail(src, n, "<" + std::string(n.name()) + "> is empty");
      if (c.op == Op::kNot && c.children.size() != 1)
        return Fail(src, n, "<not> takes exactly one condition");
      break;
    }
    case Op::kGe:
    case Op::kGt:
    case Op::kLe:
    case Op::kLt:
    case Op::kEq: {
      if (!(s = CheckAttributes(src, n, {"attr", "value"})).ok() || !(s = read_attr()).ok())
        return s;
      std::string value = n.attribute("value").value();
      if (value.empty()) return Fail(src, n, "comparison needs a value");
      if (value == "true" || value == "false") {
        c.operand = rules::Value::Bool(value == "true");
      } else if (auto num = Rational::Parse(value); num.ok()) {
        c.operand = rules::Value::Number(*num);
      } else if (c.op == Op::kEq) {
        c.words.push_back(value);
        c.operand.type = rules::Value::Type::kWord;
      } else {
        return Fail(src, n, "value '" + value + "' is not a number");
      }
      break;
    }
    case Op::kIn:
      if (!(s = CheckAttributes(src, n, {"attr", "values"})).ok() || !(s = read_attr()).ok())
        return s;
      c.words = SplitWords(n.attribute("values").value());
      if (c.words.empty()) return Fail(src, n, "<in> needs values");
      break;
    case Op::kKnown:
      if (!(s = CheckAttributes(src, n, {"attr"})).ok() || !(s = read_attr()).ok()) return s;
      break;
    case Op::kEccnIn:
      if (!(s = CheckAttributes(src, n, {"in"})).ok()) return s;
      c.words = SplitWords(n.attribute("in").value());
      if (c.words.empty()) return Fail(src, n, "<eccn> needs in");
      break;
    case Op::kDestinationIn:
      if (!(s = CheckAttributes(src, n, {"in", "except"})).ok()) return s;
      if (!(s = ReadPlaces(src, n, "in", &c.groups, &c.words)).ok()) return s;
      if (!(s = ReadPlaces(src, n, "except", &c.except_groups, &c.except_countries)).ok()) return s;
      break;
    case Op::kHeadquartersIn:
      if (!(s = CheckAttributes(src, n, {"in"})).ok()) return s;
      if (!(s = ReadPlaces(src, n, "in", &c.groups, &c.words)).ok()) return s;
      break;
    case Op::kExportYear: {
      if (!(s = CheckAttributes(src, n, {"in", "ge", "le"})).ok()) return s;
      for (const auto& y : SplitWords(n.attribute("in").value()))
        c.years.push_back(std::atoi(y.c_str()));
      c.year_ge = n.attribute("ge").as_int();
      c.year_le = n.attribute("le").as_int();
      if (c.years.empty() && c.year_ge == 0 && c.year_le == 0)
        return Fail(src, n, "<export-year> needs in, ge or le");
      break;
    }
  }
  return c;
}

Status PackLoader::CheckVersions() {
  for (size_t i = 0; i < impl_.infos.size(); ++i) {
    for (size_t j = i + 1; j < impl_.infos.size(); ++j) {
      const RuleInfo& a = impl_.infos[i];
      const RuleInfo& b = impl_.infos[j];
      if (a.id != b.id) continue;
      const Source& src = sources_[rule_nodes_[j].first];
      if (a.kind != b.kind)
        return Fail(src, rule_nodes_[j].second,
                    "rule " + b.id + " changes kind from its version at " + a.file + ":" +
                        std::to_string(a.line));
      if (a.effective.Overlaps(b.effective)) {
        return Fail(src, rule_nodes_[j].second,
                    "rule " + b.id + " (" + b.effective.ToString() + ") overlaps its version at " +
                        a.file + ":" + std::to_string(a.line) + " (" + a.effective.ToString() +
                        ")");
      }
    }
  }
  return Status::OK();
}

Status PackLoader::CheckReferences() {
  for (size_t i = 0; i < impl_.rules.size(); ++i) {
    const auto& rule = impl_.rules[i];
    if (impl_.infos[i].kind != RuleKind::kRebut) continue;
    bool found = std::any_of(impl_.infos.begin(), impl_.infos.end(), [&](const RuleInfo& info) {
      return info.kind == RuleKind::kPresume && info.id == rule.rebuts;
    });
    if (!found) {
      return Fail(
          sources_[rule_nodes_[i].first], rule_nodes_[i].second,
          "rebut rule " + impl_.infos[i].id + " names no presume rule '" + rule.rebuts + "'");
    }
  }
  return Status::OK();
}

}  // namespace

Result<std::shared_ptr<const RulePack>> RulePack::Load(const std::string& dir) {
  auto impl = std::make_unique<Impl>();
  PackLoader loader(dir, *impl);
  if (Status s = loader.Load(); !s.ok()) return s.WithContext("rule pack " + dir);
  return std::shared_ptr<const RulePack>(new RulePack(std::move(impl)));
}

}  // namespace chokepoint
