// AuditReport: HTML with inline CSS and SVG.
#include "audit/audit_report.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace chokepoint::service {

namespace {

std::string Esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

const char* VerdictClass(Verdict v) {
  switch (v) {
    case Verdict::kProhibited:
      return "prohibited";
    case Verdict::kLicenseRequired:
      return "license";
    case Verdict::kReview:
      return "review";
    case Verdict::kClear:
      return "clear";
  }
  return "clear";
}

constexpr const char* kStyle = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1d2733;background:#fafbfc}
h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d8dee4;padding-bottom:4px}
.meta{color:#57606a;font-size:12px} .meta code{font-size:11px}
.cards{display:flex;gap:12px;margin:16px 0}
.card{flex:1;border-radius:8px;padding:12px 16px;background:#fff;border:1px solid #d8dee4}
.card .n{font-size:28px;font-weight:600} .card .l{font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.card.prohibited{border-left:6px solid #b42318}.card.license{border-left:6px solid #d97706}
.card.review{border-left:6px solid #2563eb}.card.clear{border-left:6px solid #16a34a}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #d8dee4}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #eaeef2}
th{background:#f3f5f7;font-size:12px;text-transform:uppercase;letter-spacing:.03em}
.badge{display:inline-block;border-radius:10px;padding:1px 8px;font-size:11px;font-weight:600;color:#fff;white-space:nowrap}
.badge.prohibited{background:#b42318}.badge.license{background:#d97706}.badge.review{background:#2563eb}.badge.clear{background:#16a34a}
ul.f{margin:0;padding-left:16px} ul.f li{margin:2px 0}
.rule{font-family:ui-monospace,monospace;font-size:11px;color:#57606a}
.path{font-size:12px;color:#374151;margin-top:2px}
svg{background:#fff;border:1px solid #d8dee4;border-radius:6px;margin:6px 0;display:block}
.note{color:#57606a;font-size:12px}
)";

// One chain as boxes and arrows: start party → … → listed party (red).
std::string ChainSvg(const std::vector<PathHop>& path) {
  const int box_w = 240, gap = 110, h = 74, box_h = 44;
  const int width =
      static_cast<int>(path.size()) * box_w + static_cast<int>(path.size() - 1) * gap + 20;
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << h
      << "\" viewBox=\"0 0 " << width << " " << h << "\">";
  for (size_t i = 0; i < path.size(); ++i) {
    const int x = 10 + static_cast<int>(i) * (box_w + gap);
    const bool last = i + 1 == path.size();
    svg << "<rect x=\"" << x << "\" y=\"15\" width=\"" << box_w << "\" height=\"" << box_h
        << "\" rx=\"6\" fill=\"" << (last ? "#fde2e1" : "#eef2f7") << "\" stroke=\""
        << (last ? "#b42318" : "#8c959f") << "\"/>";
    std::string name = path[i].party_name;
    if (name.size() > 36) name = name.substr(0, 34) + "…";
    svg << "<text x=\"" << x + box_w / 2 << "\" y=\"42\" font-size=\"12\" text-anchor=\"middle\">"
        << Esc(name) << "</text>";
    if (i + 1 < path.size()) {
      const PathHop& next = path[i + 1];
      const int x1 = x + box_w, x2 = x + box_w + gap;
      std::string label = next.relation ? RelationName(*next.relation) : "";
      if (next.reverse) label = "← " + label;
      if (next.share_pct) label += " " + next.share_pct->ToString(2) + "%";
      svg << "<line x1=\"" << x1 << "\" y1=\"37\" x2=\"" << x2 - 6
          << "\" y2=\"37\" stroke=\"#57606a\" stroke-width=\"1.5\"/>"
          << "<polygon points=\"" << x2 << ",37 " << x2 - 8 << ",32 " << x2 - 8
          << ",42\" fill=\"#57606a\"/>"
          << "<text x=\"" << (x1 + x2) / 2 << "\" y=\"30\" font-size=\"11\" "
          << "text-anchor=\"middle\" fill=\"#374151\">" << Esc(label) << "</text>";
    }
  }
  svg << "</svg>";
  return svg.str();
}

std::string PathText(const std::vector<PathHop>& path) {
  std::string s;
  for (size_t i = 0; i < path.size(); ++i) {
    if (i > 0) {
      s += " —" + std::string(path[i].relation ? RelationName(*path[i].relation) : "") +
           (path[i].reverse ? " (reverse)" : "") + "→ ";
    }
    s += path[i].party_name;
  }
  return s;
}

}  // namespace

void AuditReport::Add(const ShipmentResult& result) {
  if (result.verdict == Verdict::kClear) return;
  ++flagged_total_;
  if (flagged_.size() < kMaxRows) flagged_.push_back(result);
}

Status AuditReport::Write(const std::string& path, const nlohmann::ordered_json& summary) const {
  std::ostringstream h;
  h << "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>chokepoint audit: "
    << Esc(summary.value("ledger", "")) << "</title><style>" << kStyle << "</style></head><body>";
  h << "<h1>Ledger audit: " << Esc(summary.value("ledger", "")) << "</h1>";
  h << "<div class=\"meta\">audit " << summary.value("audit_id", 0) << " · judged as of "
    << Esc(summary.value("as_of", "")) << " · " << summary.value("judged", 0) << " of "
    << summary.value("lines", 0) << " lines judged, " << summary.value("malformed", 0)
    << " malformed · rules <code>" << Esc(summary.value("rules_version", ""))
    << "</code> · list snapshots <code>" << Esc(summary["snapshots"].dump()) << "</code></div>";

  h << "<div class=\"cards\">";
  for (Verdict v :
       {Verdict::kProhibited, Verdict::kLicenseRequired, Verdict::kReview, Verdict::kClear}) {
    h << "<div class=\"card " << VerdictClass(v) << "\"><div class=\"n\">"
      << summary["verdicts"].value(VerdictName(v), 0) << "</div><div class=\"l\">" << VerdictName(v)
      << "</div></div>";
  }
  h << "</div>";

  h << "<h2>Lines by rule</h2><table><tr><th>Rule or finding</th><th>Lines</th></tr>";
  for (const auto& [rule, n] : summary["by_rule"].items()) {
    h << "<tr><td class=\"rule\">" << Esc(rule) << "</td><td>" << n.get<int64_t>() << "</td></tr>";
  }
  h << "</table>";

  // Distinct chains to listed parties, each drawn once with the shipments it concerns.
  std::map<std::string, std::pair<std::vector<PathHop>, std::set<std::string>>> chains;
  for (const ShipmentResult& r : flagged_) {
    for (const AuditFinding& f : r.findings) {
      if (!f.path || f.path->size() < 2) continue;
      auto& entry = chains[PathText(*f.path)];
      if (entry.first.empty()) entry.first = *f.path;
      entry.second.insert(r.shipment_id);
    }
  }
  h << "<h2>Chains to listed parties</h2>";
  if (chains.empty())
    h << "<p class=\"note\">No flagged shipment reaches a listed party through the network.</p>";
  size_t drawn = 0;
  for (const auto& [text, chain] : chains) {
    if (drawn++ == kMaxChains) {
      h << "<p class=\"note\">" << chains.size() - kMaxChains << " more chains not drawn.</p>";
      break;
    }
    std::string ids;
    size_t n = 0;
    for (const auto& id : chain.second) {
      if (n++ == 8) {
        ids += ", …";
        break;
      }
      ids += (ids.empty() ? "" : ", ") + id;
    }
    h << ChainSvg(chain.first) << "<div class=\"note\">" << chain.second.size()
      << " shipment(s): " << Esc(ids) << "</div>";
  }

  h << "<h2>Flagged shipments</h2>";
  if (flagged_total_ > flagged_.size()) {
    h << "<p class=\"note\">The first " << flagged_.size() << " of " << flagged_total_
      << " flagged shipments; the JSON lines output holds them all.</p>";
  }
  h << "<table><tr><th>Shipment</th><th>Date</th><th>Verdict</th><th>ECCN</th><th>Reasons</th></"
       "tr>";
  for (const ShipmentResult& r : flagged_) {
    h << "<tr><td>" << Esc(r.shipment_id) << "<div class=\"note\">line " << r.line
      << "</div></td><td>" << r.ship_date.ToString() << "</td><td><span class=\"badge "
      << VerdictClass(r.verdict) << "\">" << VerdictName(r.verdict) << "</span></td><td>"
      << Esc(r.eccn) << "</td><td><ul class=\"f\">";
    for (const AuditFinding& f : r.findings) {
      h << "<li><span class=\"badge " << VerdictClass(f.severity) << "\">" << Esc(f.code)
        << "</span> " << (f.party_role.empty() ? "" : "<b>" + Esc(f.party_role) + "</b>: ")
        << Esc(f.detail);
      if (!f.rule.empty()) {
        h << " <span class=\"rule\" title=\"" << Esc(f.citation) << "\">[" << Esc(f.rule)
          << "]</span>";
      }
      if (f.path && f.path->size() > 1)
        h << "<div class=\"path\">" << Esc(PathText(*f.path)) << "</div>";
      h << "</li>";
    }
    h << "</ul></td></tr>";
  }
  h << "</table><p class=\"note\">Generated by chokepoint. Each verdict names its rule and "
       "citation (hover the rule id), its list entry and snapshot, and its network path; the "
       "database holds the full result of every line.</p></body></html>\n";

  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError("cannot write " + path);
  out << h.str();
  if (!out.flush()) return Status::IOError("writing " + path);
  return Status::OK();
}

}  // namespace chokepoint::service
