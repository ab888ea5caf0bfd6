// Red flags read from a ledger line.
#include "audit/red_flags.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace chokepoint::audit {

namespace {

constexpr const char* kKycCitation =
    "Supplement No. 3 to Part 732 (BIS Know Your Customer guidance and red flags); BIS Industry "
    "Guidance to Prevent Diversion of Advanced Computing Integrated Circuits (2025-05-13)";
constexpr const char* kEndUseCitation =
    "15 CFR 744.6, 744.21-744.23 (end-use controls) and BIS Policy Statement (2025-05-13) on "
    "advanced ICs used to train AI models for military-intelligence or WMD end uses";

// Words in a stated end use that BIS end-use controls turn on. Matched as whole words.
constexpr std::array<const char*, 12> kSensitiveEndUse = {
    "military", "defense", "defence",      "weapon",       "weapons",       "missile",
    "nuclear",  "army",    "surveillance", "intelligence", "supercomputer", "wmd"};

bool Controlled(const ShipmentResult& r) {
  if (r.license_required.value_or(false)) return true;
  return r.eccn.rfind("3A090", 0) == 0 || r.eccn.rfind("4A090", 0) == 0;
}

std::vector<std::string> LowerWords(const std::string& text) {
  std::vector<std::string> words;
  std::string w;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!w.empty()) {
      words.push_back(std::move(w));
      w.clear();
    }
  }
  return words;
}

void Flag(ShipmentResult* out, std::string role, std::string name, std::string detail,
          const char* rule, const char* citation) {
  out->findings.push_back({"red-flag",
                           Verdict::kReview,
                           std::move(role),
                           std::move(name),
                           std::move(detail),
                           rule,
                           citation,
                           "",
                           {}});
}

}  // namespace

void AddRedFlags(const Shipment& s, Date day, const RulePack& pack, ShipmentResult* out) {
  const bool controlled = Controlled(*out);
  const std::string final_cc =
      !s.end_user.country.empty() ? s.end_user.country : s.destination_country;
  const std::string final_as = final_cc.empty() ? "" : pack.TreatedAs(final_cc, day);
  if (controlled) {
    static const SignalOptions kDefaults;
    const auto& hubs = kDefaults.transshipment_hubs;
    auto check_hub = [&](const std::string& role, const ShipmentParty& p) {
      if (p.country.empty() || final_as.empty()) return;
      if (std::find(hubs.begin(), hubs.end(), p.country) == hubs.end()) return;
      if (pack.TreatedAs(p.country, day) == final_as) return;
      Flag(out, role, p.name,
           "'" + p.name + "' in " + p.country + " (a transshipment hub) on the way to " + final_cc +
               ": confirm the reason for the routing",
           "red-flag.transshipment-hub", kKycCitation);
    };
    for (size_t i = 0; i < s.intermediaries.size(); ++i) {
      check_hub("intermediary[" + std::to_string(i + 1) + "]", s.intermediaries[i]);
    }
    check_hub("consignee", s.consignee);
    if (s.end_user.name.empty()) {
      Flag(out, "end_user", "",
           "controlled item " + out->eccn + " with no end user named: the end user must be known",
           "red-flag.unknown-end-user", kKycCitation);
    }
  }
  if (!s.end_user.country.empty() && !s.destination_country.empty() &&
      pack.TreatedAs(s.end_user.country, day) != pack.TreatedAs(s.destination_country, day)) {
    Flag(out, "end_user", s.end_user.name,
         "ships to " + s.destination_country + " but the end user is in " + s.end_user.country +
             ": the ultimate destination decides the licence",
         "red-flag.ultimate-destination", kKycCitation);
  }
  for (const std::string& w : LowerWords(s.end_use)) {
    if (std::find(kSensitiveEndUse.begin(), kSensitiveEndUse.end(), w) != kSensitiveEndUse.end()) {
      Flag(out, "end_user", s.end_user.name,
           "stated end use '" + s.end_use + "' names a controlled end use ('" + w + "')",
           "red-flag.end-use", kEndUseCitation);
      break;
    }
  }
}

}  // namespace chokepoint::audit
