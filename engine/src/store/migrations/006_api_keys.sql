-- API keys for `chokepoint serve`. Only a salted SHA-256 of each key is kept: the key itself is
-- shown once by `chokepoint keys create` and never stored. key_id is the public part of the key
-- (it is embedded in the key), so a request costs one primary-key lookup, not a scan.

CREATE TABLE api_keys (
  key_id     TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  role       TEXT NOT NULL CHECK (role IN ('screen', 'audit', 'admin')),
  salt       TEXT NOT NULL,           -- lowercase hex, random per key
  key_hash   TEXT NOT NULL,           -- lowercase hex sha256(salt || key)
  created_at TEXT NOT NULL,           -- UTC "YYYY-MM-DDTHH:MM:SSZ"
  revoked_at TEXT                     -- NULL while the key is valid
);
