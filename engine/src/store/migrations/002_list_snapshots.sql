-- Restricted-party list snapshots: each import of one source's files is one snapshot, and its
-- entries stay stored after a newer snapshot replaces it, so a hit can always be shown against the
-- list as it was on the day it was screened, and two snapshots can be diffed.

CREATE TABLE list_snapshots (
  id           INTEGER PRIMARY KEY,
  source       TEXT NOT NULL,              -- "csl", "ofac-sdn", "ofac-cons", "bis-dpl", "un"
  format       TEXT NOT NULL,              -- "csl-csv", "sdn-csv", ...
  files        TEXT NOT NULL,              -- JSON array of file names, in import order
  sha256       TEXT NOT NULL,              -- of the files; equal hashes make a re-import a no-op
  entries      INTEGER NOT NULL,
  rows_read    INTEGER NOT NULL,
  rows_skipped INTEGER NOT NULL,
  issues       TEXT NOT NULL DEFAULT '[]', -- JSON array: the first malformed rows, file:line
  published    TEXT,                       -- the list's own date when the file carries one
  imported_at  TEXT NOT NULL,              -- UTC "YYYY-MM-DDTHH:MM:SSZ"
  active       INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
);

-- Screening reads exactly one snapshot per source; the database, not only the code, makes two
-- active snapshots of one source impossible.
CREATE UNIQUE INDEX list_snapshots_one_active ON list_snapshots (source) WHERE active = 1;
CREATE INDEX list_snapshots_source ON list_snapshots (source, id);

CREATE TABLE list_entries (
  snapshot_id  INTEGER NOT NULL REFERENCES list_snapshots (id),
  ord          INTEGER NOT NULL,           -- 0, 1, 2, ... in the order the file lists them
  source_code  TEXT NOT NULL,              -- "SDN", "EL", "DPL", ...
  list_id      TEXT NOT NULL,              -- the entry's id in its source list
  name         TEXT NOT NULL,
  content_hash TEXT NOT NULL,              -- sha256 of entry_json: a changed entry between snapshots
  entry_json   TEXT NOT NULL,              -- canonical ListEntryToJson text
  PRIMARY KEY (snapshot_id, ord)
);

-- "Which snapshots list this party?": history of one entry across imports.
CREATE INDEX list_entries_key ON list_entries (source_code, list_id);
