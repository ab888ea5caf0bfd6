// ScreeningIndex::Screen: candidates from the postings, then exact scoring (like FilteredRE2: a
// cheap prefilter, then the real matcher on what survives).
//
// Every way the scorer can pair a query token with a list token (exact, typo, prefix, initial,
// joined, split) has a lookup here, and each candidate name accumulates, per query token, the
// largest pair weight it could get. With A that total and U the weight of the query tokens it
// cannot match at all, the name score is at most A / (A + kQueryMissWeight·U) (scorer.h), so a
// name whose bound plus the largest possible adjustments is under the threshold is never scored.
// The differential test checks this against ScreenExhaustive.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "chokepoint/screen.h"
#include "screen/index_impl.h"
#include "screen/normalizer.h"
#include "screen/scorer.h"

namespace chokepoint {

using screen::NameRecord;
using screen::ScoringName;
using screen::ScoringToken;

namespace {

struct PreparedQuery {
  screen::NormalizedDetail norm;
  std::vector<ScoringToken> tokens;
  ScoringName view;
  double max_bonus = 0;
};

void Prepare(const ScreeningIndex::Impl& impl, const ScreenQuery& query, PreparedQuery* p) {
  p->norm = screen::NormalizeDetailed(query.name);
  std::vector<std::string>& toks = p->norm.name.tokens;
  if (toks.size() > screen::kMaxQueryTokens) toks.resize(screen::kMaxQueryTokens);
  p->tokens.clear();
  for (size_t i = 0; i < toks.size(); ++i) {
    p->tokens.push_back({toks[i], impl.TokenWeight(toks[i]), screen::HasDigit(toks[i])});
  }
  const bool reordered = p->norm.reordered && p->norm.first_count < toks.size();
  p->view = {p->tokens.data(), p->tokens.size(), reordered ? p->norm.first_count : 0, reordered};
  if (p->norm.legal_classes != 0) p->max_bonus += screen::kLegalMatchBonus;
  if (query.country && !query.country->empty()) p->max_bonus += screen::kCountryMatchBonus;
  if (query.type && *query.type != PartyType::kUnknown) p->max_bonus += screen::kTypeMatchBonus;
}

std::string Upper(std::string s) {
  for (char& c : s) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  return s;
}

std::string Signed(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%+.2f", v);
  return buf;
}

// The final score of one name: the name score plus legal-form, country, type and alias
// adjustments, clamped to 0..1.
double Adjust(const ScreeningIndex::Impl& impl, const PreparedQuery& p, const ScreenQuery& query,
              const NameRecord& rec, double name_score, std::vector<std::string>* notes) {
  double score = name_score;
  auto note = [&](double delta, const std::string& what) {
    score += delta;
    if (notes) notes->push_back(what + " " + Signed(delta));
  };
  if (p.norm.legal_classes != 0 && rec.legal_classes != 0) {
    if (p.norm.legal_classes & rec.legal_classes) {
      note(screen::kLegalMatchBonus, "legal form matches");
    } else {
      note(-screen::kLegalMismatchPenalty, "legal form differs");
    }
  }
  const auto& countries = impl.countries[rec.entry];
  if (query.country && !query.country->empty() && !countries.empty()) {
    const std::string want = Upper(*query.country);
    bool found = std::find(countries.begin(), countries.end(), want) != countries.end();
    if (found) {
      note(screen::kCountryMatchBonus, "country " + want + " matches");
    } else {
      std::string listed;
      for (const auto& c : countries) listed += (listed.empty() ? "" : ", ") + c;
      note(-screen::kCountryMismatchPenalty, "country " + want + " not among " + listed);
    }
  }
  const PartyType listed_type = impl.entries[rec.entry].type;
  if (query.type && *query.type != PartyType::kUnknown && listed_type != PartyType::kUnknown) {
    if (*query.type == listed_type) {
      note(screen::kTypeMatchBonus, std::string("type ") + PartyTypeName(listed_type) + " matches");
    } else {
      note(-screen::kTypeMismatchPenalty, std::string("type ") + PartyTypeName(*query.type) +
                                              " but listed as " + PartyTypeName(listed_type));
    }
  }
  if (rec.kind == ListName::Kind::kWeakAlias) note(-screen::kWeakAliasPenalty, "weak alias");
  return std::clamp(score, 0.0, 1.0);
}

double ScoreRecord(const ScreeningIndex::Impl& impl, const PreparedQuery& p,
                   const ScreenQuery& query, uint32_t name_id) {
  ScoringToken buf[screen::kMaxNameTokens];
  const NameRecord& rec = impl.names[name_id];
  double name_score = screen::AlignScore(p.view, impl.View(rec, buf), nullptr);
  if (name_score <= 0) return 0;
  return Adjust(impl, p, query, rec, name_score, nullptr);
}

struct Best {
  uint32_t entry;
  uint32_t name;
  double score;
};

// The best name per entry; on equal scores the lower name id, so both paths agree.
class BestPerEntry {
 public:
  // Returns whether the entry's best changed.
  bool Offer(uint32_t entry, uint32_t name, double score) {
    auto [it, added] = slot_.emplace(entry, best_.size());
    if (added) {
      best_.push_back({entry, name, score});
      return true;
    }
    Best& b = best_[it->second];
    if (score > b.score || (score == b.score && name < b.name)) {
      b = {entry, name, score};
      return true;
    }
    return false;
  }
  size_t size() const { return best_.size(); }
  // The k-th best score (1-based); REQUIRES: 1 <= k <= size().
  double KthScore(size_t k) const {
    std::vector<double> scores;
    scores.reserve(best_.size());
    for (const Best& b : best_) scores.push_back(b.score);
    std::nth_element(scores.begin(), scores.begin() + static_cast<ptrdiff_t>(k - 1), scores.end(),
                     std::greater<double>());
    return scores[k - 1];
  }
  std::vector<Best> Take() { return std::move(best_); }

 private:
  std::vector<Best> best_;
  std::unordered_map<uint32_t, size_t> slot_;
};

std::vector<ScreenHit> Finish(const ScreeningIndex::Impl& impl, const PreparedQuery& p,
                              const ScreenQuery& query, std::vector<Best> best) {
  std::sort(best.begin(), best.end(), [](const Best& a, const Best& b) {
    return a.score != b.score ? a.score > b.score : a.entry < b.entry;
  });
  if (best.size() > query.limit) best.resize(query.limit);
  std::vector<ScreenHit> hits;
  hits.reserve(best.size());
  for (const Best& b : best) {
    const NameRecord& rec = impl.names[b.name];
    ScoringToken buf[screen::kMaxNameTokens];
    ScreenHit hit;
    hit.entry = &impl.entries[b.entry];
    hit.snapshot_id = impl.snapshot_ids[b.entry];
    hit.matched_name = impl.PublishedName(rec);
    hit.matched_kind = rec.kind;
    hit.name_score = screen::AlignScore(p.view, impl.View(rec, buf), &hit.tokens);
    hit.score = Adjust(impl, p, query, rec, hit.name_score, &hit.adjustments);
    hits.push_back(std::move(hit));
  }
  return hits;
}

bool Qualifies(double score, const ScreenQuery& query) {
  return score > 0 && score >= query.threshold;
}

}  // namespace

ScoringName ScreeningIndex::Impl::View(const NameRecord& rec, ScoringToken* out) const {
  for (size_t i = 0; i < rec.token_count; ++i) {
    const std::string& t = vocab[name_tokens[rec.token_begin + i]];
    out[i] = {t, weight[name_tokens[rec.token_begin + i]], screen::HasDigit(t)};
  }
  return {out, rec.token_count, rec.first_count, rec.reordered, rec.initials};
}

ScreeningIndex::ScreeningIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ScreeningIndex::~ScreeningIndex() = default;

double ScreeningIndex::NameScore(std::string_view query, std::string_view list_name) const {
  ScreenQuery q;
  q.name = std::string(query);
  PreparedQuery p;
  Prepare(*impl_, q, &p);
  if (p.tokens.empty()) return 0;
  double best = 0;
  for (const std::string& variant : screen::NameVariants(std::string(list_name))) {
    screen::NormalizedDetail norm = screen::NormalizeDetailed(variant);
    const size_t n = std::min(norm.name.tokens.size(), screen::kMaxNameTokens);
    ScoringToken buf[screen::kMaxNameTokens];
    for (size_t i = 0; i < n; ++i) {
      const std::string& t = norm.name.tokens[i];
      buf[i] = {t, impl_->TokenWeight(t), screen::HasDigit(t)};
    }
    const bool reordered = norm.reordered && norm.first_count < n;
    ScoringName view{buf, n, reordered ? norm.first_count : 0, reordered};
    best = std::max(best, screen::AlignScore(p.view, view, nullptr));
  }
  return best;
}

size_t ScreeningIndex::entries() const { return impl_->entries.size(); }
const ListEntry& ScreeningIndex::EntryAt(size_t i) const { return impl_->entries[i]; }
int64_t ScreeningIndex::SnapshotIdAt(size_t i) const { return impl_->snapshot_ids[i]; }
size_t ScreeningIndex::names() const { return impl_->names.size(); }
size_t ScreeningIndex::MemoryBytes() const { return impl_->MemoryBytes(); }

std::vector<ScreenHit> ScreeningIndex::ScreenExhaustive(const ScreenQuery& query) const {
  const Impl& impl = *impl_;
  PreparedQuery p;
  Prepare(impl, query, &p);
  if (p.tokens.empty() || query.limit == 0) return {};
  BestPerEntry best;
  for (uint32_t n = 0; n < impl.names.size(); ++n) {
    const NameRecord& rec = impl.names[n];
    if (!query.any_date && !impl.ListedOn(rec.entry, query.as_of)) continue;
    double score = ScoreRecord(impl, p, query, n);
    if (Qualifies(score, query)) best.Offer(rec.entry, n, score);
  }
  return Finish(impl, p, query, best.Take());
}

std::vector<ScreenHit> ScreeningIndex::Screen(const ScreenQuery& query) const {
  const Impl& impl = *impl_;
  PreparedQuery p;
  Prepare(impl, query, &p);
  if (p.tokens.empty() || query.limit == 0) return {};
  thread_local std::vector<Impl::Candidate> candidates;
  impl.Candidates(p.view, query.threshold - p.max_bonus, &candidates);
  BestPerEntry best;
  double kth = -1;  // the limit-th best score so far, once there are that many
  for (const Impl::Candidate& c : candidates) {
    // Candidates come best bound first: once no remaining bound can beat the top `limit`, stop.
    if (kth >= 0 && c.bound + p.max_bonus + 1e-4 < kth) break;
    const NameRecord& rec = impl.names[c.name];
    if (!query.any_date && !impl.ListedOn(rec.entry, query.as_of)) continue;
    double score = ScoreRecord(impl, p, query, c.name);
    if (!Qualifies(score, query) || !best.Offer(rec.entry, c.name, score)) continue;
    if (best.size() >= query.limit) kth = best.KthScore(query.limit);
  }
  return Finish(impl, p, query, best.Take());
}

}  // namespace chokepoint

namespace chokepoint {

// Chosen from the recall/false-positive curve in docs/screening.md.
double DefaultScreenThreshold() { return 0.82; }

}  // namespace chokepoint
