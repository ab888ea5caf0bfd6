// ScreeningIndex::Builder: normalises every name and alias once and freezes the postings.
#include <algorithm>
#include <climits>
#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "chokepoint/screen.h"
#include "screen/index_impl.h"
#include "screen/normalizer.h"

namespace chokepoint {

using screen::NameRecord;

struct ScreeningIndex::Builder::State {
  std::vector<ListEntry> entries;
  std::vector<int64_t> snapshot_ids;
};

namespace {

size_t StringHeap(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }

size_t EntryBytes(const ListEntry& e) {
  size_t n = sizeof(ListEntry);
  for (const std::string* s :
       {&e.source, &e.source_code, &e.list_id, &e.name, &e.federal_register_notice,
        &e.license_requirement, &e.license_policy, &e.remarks, &e.source_url}) {
    n += StringHeap(*s);
  }
  for (const auto& a : e.aliases) n += sizeof(a) + StringHeap(a.name);
  for (const auto& p : e.programs) n += sizeof(p) + StringHeap(p);
  for (const auto& a : e.addresses) {
    n += sizeof(a) + StringHeap(a.text) + StringHeap(a.city) + StringHeap(a.region) +
         StringHeap(a.postal_code) + StringHeap(a.country);
  }
  for (const auto& i : e.ids) n += sizeof(i) + StringHeap(i.scheme) + StringHeap(i.value);
  for (const auto& d : e.dates_of_birth) n += sizeof(d) + StringHeap(d);
  for (const auto& d : e.nationalities) n += sizeof(d) + StringHeap(d);
  return n;
}

}  // namespace

ScreeningIndex::Builder::Builder() : state_(std::make_unique<State>()) {}
ScreeningIndex::Builder::~Builder() = default;

void ScreeningIndex::Builder::Add(ListEntry entry, int64_t snapshot_id) {
  state_->entries.push_back(std::move(entry));
  state_->snapshot_ids.push_back(snapshot_id);
}

size_t ScreeningIndex::Builder::size() const { return state_->entries.size(); }

std::shared_ptr<const ScreeningIndex> ScreeningIndex::Builder::Build() {
  auto impl = std::make_unique<Impl>();
  impl->entries = std::move(state_->entries);
  impl->snapshot_ids = std::move(state_->snapshot_ids);
  state_ = std::make_unique<State>();

  std::unordered_map<std::string, uint32_t> token_ids;
  std::vector<std::string> vocab;
  auto intern = [&](const std::string& t) {
    auto [it, added] = token_ids.emplace(t, static_cast<uint32_t>(vocab.size()));
    if (added) vocab.push_back(t);
    return it->second;
  };

  impl->countries.reserve(impl->entries.size());
  for (uint32_t e = 0; e < impl->entries.size(); ++e) {
    const ListEntry& entry = impl->entries[e];
    impl->countries.push_back(entry.Countries());
    impl->listed_from.push_back(entry.start_date ? entry.start_date->days() : INT32_MIN);
    impl->listed_to.push_back(entry.end_date ? entry.end_date->days() : INT32_MAX);
    // Primary first, then strong, then weak aliases: when two spell the same tokens, the better
    // kind is the one kept.
    std::vector<std::pair<int32_t, ListName::Kind>> sources = {{-1, ListName::Kind::kPrimary}};
    for (auto kind : {ListName::Kind::kStrongAlias, ListName::Kind::kWeakAlias}) {
      for (size_t a = 0; a < entry.aliases.size(); ++a) {
        if (entry.aliases[a].kind == kind || (kind == ListName::Kind::kStrongAlias &&
                                              entry.aliases[a].kind == ListName::Kind::kPrimary)) {
          sources.emplace_back(static_cast<int32_t>(a), kind);
        }
      }
    }
    std::unordered_set<std::string> seen;
    for (const auto& [alias, kind] : sources) {
      const std::string& raw =
          alias < 0 ? entry.name : entry.aliases[static_cast<size_t>(alias)].name;
      const std::vector<std::string> variants = screen::NameVariants(raw);
      for (size_t v = 0; v < variants.size(); ++v) {
        screen::NormalizedDetail norm = screen::NormalizeDetailed(variants[v]);
        // "(S)" or "(I.P.)" after a name is no name of its own.
        bool letters_only = v > 0;
        for (const auto& t : norm.name.tokens) letters_only = letters_only && t.size() == 1;
        if (norm.name.tokens.empty() || letters_only) continue;
        std::string key = norm.name.joined + (norm.reordered ? "|r" : "");
        if (!seen.insert(key).second) continue;
        NameRecord rec;
        rec.entry = e;
        rec.token_begin = static_cast<uint32_t>(impl->name_tokens.size());
        size_t count = std::min(norm.name.tokens.size(), screen::kMaxNameTokens);
        rec.token_count = static_cast<uint8_t>(count);
        rec.reordered = norm.reordered && norm.first_count < count;
        rec.first_count = rec.reordered ? static_cast<uint8_t>(norm.first_count) : 0;
        rec.initials = entry.type == PartyType::kIndividual || entry.type == PartyType::kUnknown;
        rec.kind = kind;
        rec.alias = alias;
        rec.legal_classes = norm.legal_classes;
        for (size_t i = 0; i < count; ++i) impl->name_tokens.push_back(intern(norm.name.tokens[i]));
        impl->names.push_back(rec);
      }
    }
  }

  // Document frequencies over names, then IDF weights.
  const size_t n_tokens = vocab.size();
  std::vector<uint32_t> df(n_tokens, 0);
  std::vector<uint32_t> scratch;
  auto distinct_tokens = [&](const NameRecord& rec) {
    scratch.assign(impl->name_tokens.begin() + rec.token_begin,
                   impl->name_tokens.begin() + rec.token_begin + rec.token_count);
    std::sort(scratch.begin(), scratch.end());
    scratch.erase(std::unique(scratch.begin(), scratch.end()), scratch.end());
  };
  for (const NameRecord& rec : impl->names) {
    distinct_tokens(rec);
    for (uint32_t t : scratch) ++df[t];
  }
  const double n_names = static_cast<double>(impl->names.size()) + 1;
  impl->weight.resize(n_tokens);
  for (size_t t = 0; t < n_tokens; ++t) {
    double idf = std::log(n_names / (df[t] + 0.5));
    impl->weight[t] = screen::BaseWeight(vocab[t], static_cast<float>(std::max(idf, 0.3)));
  }
  impl->unknown_weight = static_cast<float>(std::log(n_names / 1.5));

  // Postings (CSR), name ids ascending within each token.
  impl->posting_offsets.assign(n_tokens + 1, 0);
  for (size_t t = 0; t < n_tokens; ++t)
    impl->posting_offsets[t + 1] = impl->posting_offsets[t] + df[t];
  impl->postings.resize(impl->posting_offsets.back());
  std::vector<uint32_t> fill(impl->posting_offsets.begin(), impl->posting_offsets.end() - 1);
  for (uint32_t n = 0; n < impl->names.size(); ++n) {
    distinct_tokens(impl->names[n]);
    for (uint32_t t : scratch) impl->postings[fill[t]++] = n;
  }

  impl->initial_offsets.assign(257, 0);
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<uint32_t> fill_initial(impl->initial_offsets.begin(),
                                       impl->initial_offsets.end() - 1);
    for (uint32_t n = 0; n < impl->names.size(); ++n) {
      if (!impl->names[n].initials) continue;
      distinct_tokens(impl->names[n]);
      for (uint32_t t : scratch) {
        if (vocab[t].size() != 1) continue;
        const unsigned char c = static_cast<unsigned char>(vocab[t][0]);
        if (pass == 0) {
          ++impl->initial_offsets[c + 1];
        } else {
          impl->initial_names[fill_initial[c]++] = n;
        }
      }
    }
    if (pass == 0) {
      for (size_t c = 1; c < impl->initial_offsets.size(); ++c) {
        impl->initial_offsets[c] += impl->initial_offsets[c - 1];
      }
      impl->initial_names.resize(impl->initial_offsets.back());
    }
  }

  // Vocabulary lookups. The views point into impl->vocab, which never grows after this.
  impl->vocab = std::move(vocab);
  size_t capacity = 16;
  while (capacity < 2 * n_tokens) capacity *= 2;
  impl->vocab_table.assign(capacity, 0);
  impl->vocab_hash.resize(n_tokens);
  for (uint32_t t = 0; t < n_tokens; ++t) {
    const uint64_t h = screen::HashString(impl->vocab[t]);
    impl->vocab_hash[t] = static_cast<uint32_t>(h >> 32);
    size_t slot = static_cast<size_t>(h) & (capacity - 1);
    while (impl->vocab_table[slot] != 0) slot = (slot + 1) & (capacity - 1);
    impl->vocab_table[slot] = t + 1;
  }
  impl->vocab_by_text.resize(n_tokens);
  for (uint32_t t = 0; t < n_tokens; ++t) impl->vocab_by_text[t] = t;
  std::sort(impl->vocab_by_text.begin(), impl->vocab_by_text.end(),
            [&](uint32_t a, uint32_t b) { return impl->vocab[a] < impl->vocab[b]; });

  // Deletion dictionary over the vocabulary, for tokens long enough to allow an edit.
  for (uint32_t t = 0; t < n_tokens; ++t) {
    const std::string& tok = impl->vocab[t];
    int edits = screen::MaxEdits(tok.size());
    if (edits == 0 || screen::HasDigit(tok)) continue;
    screen::ForEachDeletion(
        tok, edits, [&](uint64_t h) { impl->deletion_keys.push_back(((h >> 24) << 24) | t); });
  }
  std::sort(impl->deletion_keys.begin(), impl->deletion_keys.end());
  impl->deletion_keys.erase(std::unique(impl->deletion_keys.begin(), impl->deletion_keys.end()),
                            impl->deletion_keys.end());
  impl->deletion_keys.shrink_to_fit();
  int bits = 8;
  while (bits < 24 && (size_t{1} << (bits + 1)) <= impl->deletion_keys.size()) ++bits;
  impl->bucket_shift = 64 - bits;
  impl->deletion_buckets.assign((size_t{1} << bits) + 1, 0);
  for (uint64_t k : impl->deletion_keys) ++impl->deletion_buckets[(k >> impl->bucket_shift) + 1];
  for (size_t b = 1; b < impl->deletion_buckets.size(); ++b) {
    impl->deletion_buckets[b] += impl->deletion_buckets[b - 1];
  }
  impl->neighbour_offsets.assign(1, 0);
  std::vector<uint32_t> found;
  for (uint32_t t = 0; t < n_tokens; ++t) {
    const std::string& tok = impl->vocab[t];
    if (screen::MaxEdits(tok.size()) > 0 && !screen::HasDigit(tok)) {
      impl->TypoNeighbours(tok, &found);
      impl->neighbours.insert(impl->neighbours.end(), found.begin(), found.end());
    }
    impl->neighbour_offsets.push_back(static_cast<uint32_t>(impl->neighbours.size()));
  }
  impl->neighbours.shrink_to_fit();
  impl->names.shrink_to_fit();
  impl->name_tokens.shrink_to_fit();

  return std::shared_ptr<const ScreeningIndex>(new ScreeningIndex(std::move(impl)));
}

size_t ScreeningIndex::Impl::MemoryBytes() const {
  size_t n = sizeof(*this);
  for (const ListEntry& e : entries) n += EntryBytes(e);
  n += snapshot_ids.capacity() * sizeof(int64_t);
  for (const auto& c : countries) n += sizeof(c) + c.capacity() * sizeof(std::string);
  for (const auto& v : vocab) n += sizeof(v) + StringHeap(v);
  n += weight.capacity() * sizeof(float);
  n += (vocab_table.capacity() + vocab_hash.capacity() + listed_from.capacity() +
        listed_to.capacity() + neighbour_offsets.capacity() + neighbours.capacity() +
        initial_offsets.capacity() + initial_names.capacity()) *
       sizeof(uint32_t);
  n += vocab_by_text.capacity() * sizeof(uint32_t);
  n += (posting_offsets.capacity() + postings.capacity() + name_tokens.capacity() +
        deletion_buckets.capacity()) *
       sizeof(uint32_t);
  n += names.capacity() * sizeof(NameRecord);
  n += deletion_keys.capacity() * sizeof(uint64_t);
  return n;
}

}  // namespace chokepoint
