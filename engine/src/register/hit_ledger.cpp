#include <algorithm>
#include <map>
#include <utility>

#include "chokepoint/hit_ledger.h"
#include "chokepoint/sha256.h"

namespace chokepoint::hit_ledger {

std::string EntryKey(std::string_view source_code, std::string_view list_id) {
  std::string key(source_code);
  key += '\x1f';  // a unit separator cannot occur in either field of a parsed list
  key += list_id;
  return key;
}

std::string HitId(std::string_view party_id, std::string_view source_code,
                  std::string_view list_id) {
  std::string text(party_id);
  text += '\x1f';
  text += EntryKey(source_code, list_id);
  Result<std::string> hash = Sha256Hex(text);
  return "H" + (hash.ok() ? hash->substr(0, 16) : std::string(16, '0'));
}

bool SuppressedByDecision(const LedgerHit& hit, const std::string& entry_hash,
                          const std::string& party_hash, const std::string& as_of) {
  if (hit.status != "false-positive") return false;
  if (hit.decision_entry_hash != entry_hash || hit.decision_party_hash != party_hash) return false;
  // ISO dates compare as text.
  return hit.decision_until.empty() || as_of <= hit.decision_until;
}

namespace {

// Why a hit that was not active before is active now.
std::string NewHitReason(const RegisteredParty& party, const CurrentHit& c, const LedgerHit* old,
                         const ListChanges& lists) {
  const std::string key = EntryKey(c.source_code, c.list_id);
  if (c.source_code == kOwnershipSource && !(old && old->status == "false-positive")) {
    return "owned_by_listed";
  }
  if (lists.added.count(key)) return "entry_added";
  if (lists.changed.count(key)) return "entry_changed";
  if (!party.screened_hash) return "party_new";
  if (*party.screened_hash != party.content_hash) return "party_changed";
  if (old && old->status == "false-positive") return "decision_lapsed";
  // Neither side changed: the index's token weights or the as-of date moved the score.
  return "rescored";
}

BatchAlertRecord Alert(const RegisteredParty& party, const LedgerHit& row, std::string kind,
                       std::string reason, int64_t run_id) {
  BatchAlertRecord a;
  a.run_id = run_id;
  a.hit_id = row.hit_id;
  a.kind = std::move(kind);
  a.reason = std::move(reason);
  a.party_id = party.id;
  a.party_name = party.name;
  a.source_code = row.source_code;
  a.list_id = row.list_id;
  a.hit_json = row.evidence_json;
  return a;
}

}  // namespace

void ReconcileParty(const RegisteredParty& party, std::vector<CurrentHit> current,
                    std::vector<LedgerHit> ledger, const ReconcileContext& ctx,
                    BatchChunkCommit* out) {
  // Both sides keyed by (source_code, list_id), so rows and alerts come out in that order.
  std::map<std::pair<std::string, std::string>, std::pair<CurrentHit*, LedgerHit*>> pairs;
  for (CurrentHit& c : current) pairs[{c.source_code, c.list_id}].first = &c;
  for (LedgerHit& l : ledger) pairs[{l.source_code, l.list_id}].second = &l;

  for (auto& [key, both] : pairs) {
    CurrentHit* c = both.first;
    LedgerHit* old = both.second;
    if (c == nullptr) {
      if (!old->active) continue;  // gone before, still gone
      LedgerHit row = *old;
      row.active = false;
      const std::string entry_key = EntryKey(row.source_code, row.list_id);
      // A false positive that disappears needs nobody's attention.
      const bool quiet = SuppressedByDecision(*old, old->entry_hash, party.content_hash, ctx.as_of);
      if (!quiet) {
        std::string reason = row.source_code == kOwnershipSource    ? "ownership_below_threshold"
                             : !ctx.lists->present.count(entry_key) ? "delisted"
                             : ctx.lists->changed.count(entry_key)  ? "entry_changed"
                                                                    : "no_longer_matches";
        out->alerts.push_back(Alert(party, row, "removed_hit", std::move(reason), ctx.run_id));
      }
      out->hits.push_back(std::move(row));
      continue;
    }

    LedgerHit row;
    if (old) {
      row = *old;
    } else {
      row.hit_id = c->hit_id;
      row.party_id = party.id;
      row.source_code = c->source_code;
      row.list_id = c->list_id;
      row.status = "open";
      row.first_run = ctx.run_id;
    }
    const bool was_active = old && old->active;
    const bool entry_changed = was_active && old->entry_hash != c->entry_hash;
    const bool suppressed = SuppressedByDecision(row, c->entry_hash, party.content_hash, ctx.as_of);
    const bool decision_lapsed = row.status == "false-positive" && !suppressed;
    if (decision_lapsed) row.status = "open";  // the pair needs a fresh look

    row.active = true;
    row.score = c->score;
    row.entry_hash = c->entry_hash;
    row.party_hash = party.content_hash;
    row.evidence_json = c->json;
    row.last_run = ctx.run_id;

    if (!suppressed) {
      if (!was_active) {
        out->alerts.push_back(
            Alert(party, row, "new_hit", NewHitReason(party, *c, old, *ctx.lists), ctx.run_id));
      } else if (entry_changed) {
        out->alerts.push_back(Alert(party, row, "changed_entry", "entry_changed", ctx.run_id));
      } else if (decision_lapsed) {
        // Active all along but hidden by a decision that no longer holds: raise it again.
        out->alerts.push_back(
            Alert(party, row, "new_hit",
                  old->party_hash != party.content_hash ? "party_changed" : "decision_expired",
                  ctx.run_id));
      }
    }
    out->hits.push_back(std::move(row));  // last_run records that this run saw it
  }
}

}  // namespace chokepoint::hit_ledger
