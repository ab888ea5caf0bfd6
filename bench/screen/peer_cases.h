// Pair-by-pair comparison with other tools' published scores (peer-cases-dev.tsv): OFAC's Sanctions
// List Search scores, nomenklatura logic-v2 match/nomatch cases, watchman Jaro-Winkler pairs and
// cross-script pairs. Scores come from ScreeningIndex::NameScore, so token weights are those of
// the real lists the index holds.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "chokepoint/screen.h"

namespace chokepoint::screen_eval {

inline double Pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (size_t i = 0; i < x.size(); ++i) mx += x[i], my += y[i];
  mx /= n, my /= n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0;
}

inline std::vector<double> Ranks(const std::vector<double>& v) {  // ties get their mean rank
  std::vector<size_t> order(v.size());
  for (size_t i = 0; i < v.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
  std::vector<double> ranks(v.size());
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]]) ++j;
    for (size_t k = i; k <= j; ++k) ranks[order[k]] = (static_cast<double>(i + j) / 2.0) + 1;
    i = j + 1;
  }
  return ranks;
}

inline double Spearman(const std::vector<double>& x, const std::vector<double>& y) {
  return Pearson(Ranks(x), Ranks(y));
}

inline double MeanAbsDiff(const std::vector<double>& x, const std::vector<double>& y) {
  double s = 0;
  for (size_t i = 0; i < x.size(); ++i) s += std::fabs(x[i] - y[i]);
  return x.empty() ? 0 : s / static_cast<double>(x.size());
}

struct PeerCase {
  std::string source, query, candidate, expected, note;
};

inline std::vector<PeerCase> ReadPeerCases(const std::string& path) {
  std::vector<PeerCase> out;
  std::ifstream in(path);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> f(1);
    for (char c : line) {
      if (c == '\t')
        f.emplace_back();
      else
        f.back() += c;
    }
    f.resize(5);
    out.push_back({f[0], f[1], f[2], f[3], f[4]});
  }
  return out;
}

inline void RunPeerCases(const ScreeningIndex& index, const std::string& path, bool verbose) {
  const double t = DefaultScreenThreshold();
  std::vector<double> ofac_ours, ofac_theirs, wm_ours, wm_theirs, unreturned;
  size_t nk_total = 0, nk_right = 0, xs_total = 0, xs_pass = 0, unreturned_hits = 0;
  for (const PeerCase& c : ReadPeerCases(path)) {
    const double ours = index.NameScore(c.query, c.candidate);
    if (c.source.find("ofac_fixtures") != std::string::npos) {
      double theirs = std::atof(c.expected.c_str());
      if (theirs < 0) {  // OFAC's tool did not return the candidate at all
        unreturned.push_back(ours);
        unreturned_hits += ours >= t;
        continue;
      }
      ofac_ours.push_back(ours * 100);
      ofac_theirs.push_back(theirs);
      if (verbose)
        std::printf("ofac %5.1f %5.1f  %s | %s\n", theirs, ours * 100, c.query.c_str(),
                    c.candidate.c_str());
    } else if (c.source.find("logic_v2") != std::string::npos) {
      ++nk_total;
      const bool match = ours >= t;
      const bool right = match == (c.expected == "match");
      nk_right += right;
      if (verbose || !right) {
        std::printf("nomenklatura %-7s ours %.3f %s  %s | %s%s\n", c.expected.c_str(), ours,
                    right ? "agree   " : "DISAGREE", c.query.c_str(), c.candidate.c_str(),
                    c.note.find("other props") != std::string::npos
                        ? "  (case also compares other properties)"
                        : "");
      }
    } else if (c.source.find("jaro_winkler") != std::string::npos) {
      // watchman's first argument is the indexed name, the second the query.
      const double ours_wm = index.NameScore(c.candidate, c.query);
      wm_ours.push_back(ours_wm);
      wm_theirs.push_back(std::atof(c.expected.c_str()));
      if (verbose)
        std::printf("watchman %.3f %.3f  %s | %s\n", wm_theirs.back(), ours_wm, c.query.c_str(),
                    c.candidate.c_str());
    } else if (c.source.find("cross_script") != std::string::npos) {
      ++xs_total;
      const double min = std::atof(c.expected.c_str() + 2);
      xs_pass += ours >= min;
      std::printf("cross-script %.2f (needs %.2f) %s  %s | %s\n", ours, min,
                  ours >= min ? "pass" : "fail", c.query.c_str(), c.candidate.c_str());
    }
  }
  std::printf(
      "\nOFAC Sanctions List Search scores (%zu pairs it returned): Pearson %.3f, "
      "Spearman %.3f, mean |ours*100 - OFAC| %.1f\n",
      ofac_ours.size(), Pearson(ofac_ours, ofac_theirs), Spearman(ofac_ours, ofac_theirs),
      MeanAbsDiff(ofac_ours, ofac_theirs));
  double mean_unreturned = 0;
  for (double s : unreturned) mean_unreturned += s;
  if (!unreturned.empty()) mean_unreturned /= static_cast<double>(unreturned.size());
  std::printf("pairs OFAC's tool did not return (%zu): our mean score %.3f, %zu at or above %.2f\n",
              unreturned.size(), mean_unreturned, unreturned_hits, t);
  std::printf("nomenklatura logic-v2 name cases: %zu of %zu agree at threshold %.2f\n", nk_right,
              nk_total, t);
  size_t within = 0, same_side = 0;
  for (size_t i = 0; i < wm_ours.size(); ++i) {
    within += std::fabs(wm_ours[i] - wm_theirs[i]) <= 0.1;
    same_side += (wm_ours[i] >= t) == (wm_theirs[i] >= t);
  }
  std::printf(
      "watchman BestPairsJaroWinkler pairs (%zu): Pearson %.3f, Spearman %.3f, mean |diff| "
      "%.3f, within 0.1: %zu, on the same side of %.2f: %zu\n",
      wm_ours.size(), Pearson(wm_ours, wm_theirs), Spearman(wm_ours, wm_theirs),
      MeanAbsDiff(wm_ours, wm_theirs), within, t, same_side);
  std::printf("cross-script pairs reaching watchman's embedding minimum: %zu of %zu\n", xs_pass,
              xs_total);
}

}  // namespace chokepoint::screen_eval
