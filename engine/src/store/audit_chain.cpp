#include "store/audit_chain.h"


#include <exception>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace chokepoint::store_internal {

Result<std::string> ComputeAuditHash(const AuditRecord& record) {
  std::string input;
  input.reserve(record.prev_hash.size() + record.recorded_at.size() + record.kind.size() +
                record.actor.size() + record.payload.size() + 32);
  input += record.prev_hash;
  input += '\n';
  input += std::to_string(record.seq);
  input += '\n';
  input += record.recorded_at;
  input += '\n';
  input += record.kind;
  input += '\n';
  input += record.actor;
  input += '\n';
  input += record.payload;
  return Sha256Hex(input);
}

Status ValidateAuditFields(std::string_view kind, std::string_view actor,
                           std::string_view payload_json) {
  if (kind.empty()) return Status::InvalidArgument("audit record kind is empty");
  if (kind.find('\n') != std::string_view::npos) {
    return Status::InvalidArgument("audit record kind contains a line break");
  }
  if (actor.find('\n') != std::string_view::npos) {
    return Status::InvalidArgument("audit record actor contains a line break");
  }
  // accept() reports malformed input by its return value; only allocation failure could throw.
  bool is_json = false;
  try {
    is_json = nlohmann::json::accept(payload_json.begin(), payload_json.end());
  } catch (const std::exception&) {
    is_json = false;
  }
  if (!is_json) return Status::InvalidArgument("audit record payload is not valid JSON");
  return Status::OK();
}

bool IsUtcTimestamp(std::string_view s) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  if (s.size() != kShape.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool ok = kShape[i] == 'd' ? (s[i] >= '0' && s[i] <= '9') : s[i] == kShape[i];
    if (!ok) return false;
  }
  return true;
}

void AuditChainVerifier::Fail(int64_t seq, std::string problem) {
  result_.intact = false;
  result_.first_bad_seq = seq;
  result_.problem = std::move(problem);
  result_.last_hash.clear();
}

Status AuditChainVerifier::Add(const AuditRecord& record) {
  if (broken()) return Status::OK();
  ++result_.records_checked;
  const std::string seq = std::to_string(record.seq);

  // Seq first: a gap means records were removed, and the earliest missing seq is the first bad
  // one even though the record after the gap may be perfectly intact on its own.
  if (record.seq != expected_seq_) {
    if (record.seq < expected_seq_) {
      Fail(record.seq, "record " + seq + " is out of sequence (expected " +
                           std::to_string(expected_seq_) + ")");
    } else if (record.seq == expected_seq_ + 1) {
      Fail(expected_seq_, "record " + std::to_string(expected_seq_) + " is missing (removed)");
    } else {
      Fail(expected_seq_, "records " + std::to_string(expected_seq_) + ".." +
                              std::to_string(record.seq - 1) + " are missing (removed)");
    }
    return Status::OK();
  }

  // The content check comes before the link check: seq is hashed, so a record moved to another
  // position fails here too, and "altered" is the more useful diagnosis for an edit.
  Result<std::string> hash = ComputeAuditHash(record);
  if (!hash.ok()) return hash.status();
  if (*hash != record.hash) {
    Fail(record.seq, "record " + seq +
                         " does not match its hash (its content was edited, or it was moved "
                         "from another position)");
    return Status::OK();
  }

  const std::string& expected_prev =
      record.seq == 1 ? std::string(kGenesisHash) : result_.last_hash;
  if (record.prev_hash != expected_prev) {
    Fail(record.seq, "record " + seq + " does not link to the record before it (a record was " +
                         "removed, replaced or reordered)");
    return Status::OK();
  }

  result_.last_hash = record.hash;
  ++expected_seq_;
  return Status::OK();
}

}  // namespace chokepoint::store_internal
