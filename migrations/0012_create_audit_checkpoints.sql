-- Anchors of the hash-chained log (docs/adr/0012-audit-anchor.md). A checkpoint records how many
-- entries the chain had and the hash of its head entry, signed with HMAC-SHA-256 under
-- SIKS_AUDIT_KEY, a key kept outside the database. One is written every 1,000 entries and at
-- every finalisation (in the same transaction as the entry it covers), and each is also appended
-- to the anchor file outside the database. `siks audit verify` compares the chain with them, so
-- deleting the newest entries, or editing an entry and recomputing every later hash, is found.
CREATE TABLE audit_checkpoints (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  -- Entries in the chain when the checkpoint was made, and the id and hash of the last of them.
  entry_count bigint NOT NULL CHECK (entry_count >= 1),
  last_id bigint NOT NULL,
  head_hash char(64) NOT NULL CHECK (head_hash ~ '^[0-9a-f]{64}$'),
  reason varchar(16) NOT NULL CHECK (reason IN ('EVERY_1000', 'FINALISATION', 'MANUAL')),
  -- The finalisation whose Surat Pengesahan prints this checkpoint.
  finalisation_id bigint UNIQUE REFERENCES finalisations(id) DEFERRABLE INITIALLY DEFERRED,
  -- HMAC-SHA-256 (hex) over version, count, last id, head hash and time; see platform/audit-anchor.ts.
  hmac char(64) NOT NULL CHECK (hmac ~ '^[0-9a-f]{64}$')
);
CREATE INDEX audit_checkpoints_count_idx ON audit_checkpoints (entry_count);

-- Checkpoints are append-only, like the finalisations whose letters print them.
CREATE TRIGGER audit_checkpoints_immutable BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION raise_immutable();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION raise_immutable();
