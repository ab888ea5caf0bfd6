-- The party network (parties and dated, sourced links) imported with `chokepoint graph import`.
-- Empty strings, not NULLs, stand for "unknown" so that UNIQUE makes a re-import idempotent.

CREATE TABLE parties (
  party_id     TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('company', 'person')),
  country      TEXT NOT NULL DEFAULT '',
  address      TEXT NOT NULL DEFAULT '',
  incorporated TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD or ''
  identifiers  TEXT NOT NULL DEFAULT '',   -- "scheme:value;scheme:value" as in parties.csv
  updated_at   TEXT NOT NULL
);

CREATE TABLE party_links (
  from_id    TEXT NOT NULL REFERENCES parties (party_id),
  to_id      TEXT NOT NULL REFERENCES parties (party_id),
  relation   TEXT NOT NULL,
  share_pct  TEXT NOT NULL DEFAULT '',     -- exact decimal text, '' when unknown or not ownership
  start_date TEXT NOT NULL DEFAULT '',
  end_date   TEXT NOT NULL DEFAULT '',
  source     TEXT NOT NULL DEFAULT '',
  UNIQUE (from_id, to_id, relation, share_pct, start_date, end_date, source)
);
CREATE INDEX party_links_to ON party_links (to_id);
