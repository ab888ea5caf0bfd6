-- Nightly batch re-screening (docs/batch.md): the party register, runs with their checkpoints, the
-- hit ledger, reviewer decisions and the alerts each run raised.

-- Every party the engine should re-screen: customer masters, graph imports, API callers.
CREATE TABLE register_parties (
  party_id      TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  country       TEXT NOT NULL DEFAULT '',   -- alpha-2 or ''
  address       TEXT NOT NULL DEFAULT '',
  type          TEXT NOT NULL DEFAULT '',   -- entity, individual, vessel, aircraft or ''
  source        TEXT NOT NULL DEFAULT '',   -- "customers", "graph", ...
  content_hash  TEXT NOT NULL,              -- sha256 over name, country, address, type
  -- content_hash as of the last run that screened this party; NULL: never screened. A party whose
  -- two hashes differ is new or changed and is screened against everything.
  screened_hash TEXT,
  updated_at    TEXT NOT NULL
);

-- One row per `batch run`. A run is 'running' until every chunk of parties is done; a rerun
-- resumes the running run (same id, same snapshots, same as-of) from its checkpoint.
CREATE TABLE batch_runs (
  run_id        INTEGER PRIMARY KEY,
  state         TEXT NOT NULL CHECK (state IN ('running', 'completed')),
  base_run      INTEGER REFERENCES batch_runs (run_id),  -- the completed run the delta is against
  snapshots     TEXT NOT NULL,              -- JSON array of the snapshot ids screened against
  as_of         TEXT NOT NULL,              -- YYYY-MM-DD
  params        TEXT NOT NULL,              -- JSON: threshold, limit, chunk size, mode
  checkpoint    TEXT,                       -- last party_id whose chunk committed; NULL: none yet
  chunks_done   INTEGER NOT NULL DEFAULT 0,
  parties_done  INTEGER NOT NULL DEFAULT 0,
  alerts        INTEGER NOT NULL DEFAULT 0,
  summary       TEXT NOT NULL DEFAULT '{}', -- JSON, final counts once completed
  started_at    TEXT NOT NULL,
  completed_at  TEXT
);
-- At most one unfinished run: two nightly jobs must not race each other.
CREATE UNIQUE INDEX batch_runs_one_running ON batch_runs (state) WHERE state = 'running';

-- The hit ledger: one row per (party, list entry) ever hit, identified by a stable hit id.
CREATE TABLE batch_hits (
  hit_id          TEXT PRIMARY KEY,
  party_id        TEXT NOT NULL,
  source_code     TEXT NOT NULL,
  list_id         TEXT NOT NULL,
  active          INTEGER NOT NULL CHECK (active IN (0, 1)),  -- hit by the last run that screened it
  status          TEXT NOT NULL CHECK (status IN ('open', 'false-positive', 'true-match',
                                                  'escalated')),
  score           REAL NOT NULL,
  entry_hash      TEXT NOT NULL,              -- content hash of the entry when last seen
  party_hash      TEXT NOT NULL,              -- content hash of the party when last seen
  evidence        TEXT NOT NULL,              -- the last HIT JSON (ScreenHitToJson)
  first_run       INTEGER NOT NULL,
  last_run        INTEGER NOT NULL,
  -- The decision in force (also kept in batch_decisions and the audit log). A false-positive
  -- holds while both hashes equal these and the run's as-of is on or before decision_until.
  decision_entry_hash TEXT NOT NULL DEFAULT '',
  decision_party_hash TEXT NOT NULL DEFAULT '',
  decision_until      TEXT NOT NULL DEFAULT '',  -- YYYY-MM-DD or '' (no expiry)
  UNIQUE (party_id, source_code, list_id)
);

-- Every reviewer decision, in order; the hit row holds only the newest.
CREATE TABLE batch_decisions (
  id         INTEGER PRIMARY KEY,
  hit_id     TEXT NOT NULL REFERENCES batch_hits (hit_id),
  decision   TEXT NOT NULL,
  note       TEXT NOT NULL,
  until      TEXT NOT NULL DEFAULT '',
  actor      TEXT NOT NULL DEFAULT '',
  decided_at TEXT NOT NULL,
  audit_seq  INTEGER NOT NULL
);

-- What each run raised. The primary key makes a re-committed chunk unable to double an alert.
CREATE TABLE batch_alerts (
  run_id      INTEGER NOT NULL REFERENCES batch_runs (run_id),
  hit_id      TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('new_hit', 'removed_hit', 'changed_entry')),
  reason      TEXT NOT NULL,
  party_id    TEXT NOT NULL,
  party_name  TEXT NOT NULL,
  source_code TEXT NOT NULL,
  list_id     TEXT NOT NULL,
  hit         TEXT NOT NULL,                -- HIT JSON
  PRIMARY KEY (run_id, hit_id)
);
CREATE INDEX batch_alerts_order ON batch_alerts (run_id, party_id, source_code, list_id);
