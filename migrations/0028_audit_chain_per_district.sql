-- One hash chain per district plus one for national actions (docs/adr/0016-audit-chain-per-district.md):
-- a district's appends lock only its own chain's head, so no district waits on another, and every
-- table of the log carries kab_kota first in its keys, as a table distributed by district must.
-- The chain key is the district (the first four digits of the entry's region) or '00' for actions
-- on no district's data. Every entry written before this migration becomes the national chain
-- exactly as it is: its genesis stays 64 zeros and no hashed column changes, so its hashes, and the
-- HMACs of its checkpoints (version 1, which names no chain), stay valid.

ALTER TABLE audit_log ADD COLUMN kab_kota varchar(4) COLLATE "C" NOT NULL DEFAULT '00'
  CONSTRAINT audit_log_chain_check CHECK (kab_kota ~ '^(00|[0-9]{4})$');
ALTER TABLE audit_log ALTER COLUMN kab_kota DROP DEFAULT;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey, ADD PRIMARY KEY (kab_kota, id);
ALTER TABLE audit_log DROP CONSTRAINT audit_log_hash_key, ADD CONSTRAINT audit_log_hash_key UNIQUE (kab_kota, hash);
-- Ids still come from one sequence: the national list (every chain, newest first) and exports page by id.
CREATE INDEX audit_log_id_idx ON audit_log (id);

-- Checkpoints belong to one chain. A finalisation's checkpoint is in its district's chain, those made
-- before the split in the national one; the letter finds it by finalisation id, so the foreign key to
-- finalisations (which would have to cross chains for the old ones) goes.
ALTER TABLE audit_checkpoints ADD COLUMN kab_kota varchar(4) COLLATE "C" NOT NULL DEFAULT '00'
  CONSTRAINT audit_checkpoints_chain_check CHECK (kab_kota ~ '^(00|[0-9]{4})$');
ALTER TABLE audit_checkpoints ALTER COLUMN kab_kota DROP DEFAULT;
ALTER TABLE audit_checkpoints DROP CONSTRAINT IF EXISTS audit_checkpoints_finalisation_id_fkey;
ALTER TABLE audit_checkpoints DROP CONSTRAINT audit_checkpoints_pkey, ADD PRIMARY KEY (kab_kota, id);
ALTER TABLE audit_checkpoints
  DROP CONSTRAINT audit_checkpoints_finalisation_id_key,
  ADD CONSTRAINT audit_checkpoints_finalisation_id_key UNIQUE (kab_kota, finalisation_id);
DROP INDEX audit_checkpoints_count_idx;
CREATE INDEX audit_checkpoints_finalisation_idx ON audit_checkpoints (finalisation_id);

-- The head of each chain: the row an append locks (SELECT … FOR UPDATE), so appends to one chain
-- queue and appends to two chains do not. A row lock, unlike an advisory lock, lives on the shard
-- that holds the district's rows when the tables are distributed by kab_kota.
CREATE TABLE audit_chain_heads (
  kab_kota varchar(4) COLLATE "C" PRIMARY KEY CHECK (kab_kota ~ '^(00|[0-9]{4})$'),
  -- Entries in the chain, and the id and hash of the newest (null and the genesis hash while empty).
  entry_count bigint NOT NULL CHECK (entry_count >= 0),
  last_id bigint,
  head_hash char(64) NOT NULL CHECK (head_hash ~ '^[0-9a-f]{64}$'),
  -- Entries in the chain at its latest checkpoint (0: none yet).
  checkpoint_count bigint NOT NULL DEFAULT 0 CHECK (checkpoint_count >= 0)
);

INSERT INTO audit_chain_heads (kab_kota, entry_count, last_id, head_hash, checkpoint_count)
SELECT '00', n.entries, h.id, h.hash, coalesce((SELECT max(entry_count) FROM audit_checkpoints), 0)
FROM (SELECT count(*) AS entries FROM audit_log) n
CROSS JOIN LATERAL (SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1) h;
