-- Ledger audits (`chokepoint audit`): one row per run with what it was judged against (ledger
-- hash, rule-pack fingerprint, list snapshots), and one row per judged ledger line with its result
-- document, so a verdict can be shown years later exactly as it was given.
CREATE TABLE ledger_audits (
  id INTEGER PRIMARY KEY,
  ledger TEXT NOT NULL,
  ledger_sha256 TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  snapshots TEXT NOT NULL,      -- JSON array of list snapshot ids
  as_of TEXT NOT NULL,          -- "ship-date" or YYYY-MM-DD
  started_at TEXT NOT NULL,
  finished_at TEXT,             -- NULL while running, or when the run died
  summary TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE ledger_audit_results (
  audit_id INTEGER NOT NULL REFERENCES ledger_audits (id),
  line INTEGER NOT NULL,
  shipment_id TEXT NOT NULL,
  verdict TEXT NOT NULL,
  result TEXT NOT NULL,
  PRIMARY KEY (audit_id, line)
) WITHOUT ROWID;

CREATE INDEX ledger_audit_results_by_shipment ON ledger_audit_results (shipment_id);

-- Results are records: they are added, never changed.
CREATE TRIGGER ledger_audit_results_no_update BEFORE UPDATE ON ledger_audit_results
BEGIN SELECT RAISE(ABORT, 'ledger audit results are append-only'); END;
CREATE TRIGGER ledger_audit_results_no_delete BEFORE DELETE ON ledger_audit_results
BEGIN SELECT RAISE(ABORT, 'ledger audit results are append-only'); END;
