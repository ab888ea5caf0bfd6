-- The audit log: one row per import, classification, screening call, review decision and API
-- call, chained by SHA-256 (see Store::AppendAudit in chokepoint/store.h for the formula).

CREATE TABLE audit_log (
  -- Assigned by the store as last seq + 1 inside the appending transaction; no AUTOINCREMENT,
  -- because a gap must only ever mean a removed record.
  seq         INTEGER PRIMARY KEY,
  recorded_at TEXT NOT NULL,           -- UTC "YYYY-MM-DDTHH:MM:SSZ"
  kind        TEXT NOT NULL,
  actor       TEXT NOT NULL DEFAULT '',
  payload     TEXT NOT NULL,           -- canonical JSON, hashed byte for byte
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);

-- `audit-log export --since DATE` filters on it.
CREATE INDEX audit_log_recorded_at ON audit_log (recorded_at);

-- The guard against accidents and casual edits. It is not the evidence: whoever can write the
-- file can drop these triggers, which is why VerifyAuditLog recomputes the chain instead.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
