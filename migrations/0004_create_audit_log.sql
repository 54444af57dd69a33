-- The log (Logs History, F15): one entry per action a person takes, written in the same
-- transaction as the change. Entries are hash-chained: `hash` = SHA-256 over the entry's
-- content and `prev_hash`; appends are serialised with an advisory lock, so several server
-- processes keep one chain. `siks audit verify` walks it.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id bigint REFERENCES users(id),
  actor_username varchar(64) NOT NULL,
  action varchar(64) NOT NULL,
  text_id text NOT NULL,
  text_en text NOT NULL,
  subject varchar(200),
  region_code varchar(10) COLLATE "C",
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash char(64) NOT NULL,
  hash char(64) NOT NULL UNIQUE
);
CREATE INDEX audit_log_region_idx ON audit_log (region_code, id DESC);
