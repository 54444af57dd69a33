-- Usulan PKH (issue 10, F11b): the supervisor nominates AKTIF households of the district for PKH
-- (Program Keluarga Harapan) by their components, and Pusdatin decides (DITERIMA or DITOLAK).
-- As in migration 0016, kab_kota comes first in every key, so a distribution by district keeps a
-- district's nominations and their history together.
--
-- A household has at most one open nomination (DIUSULKAN or DITERIMA) at a time, over all periods:
-- PKH membership is not renewed per verval period, so a nomination stays open until Pusdatin
-- refuses it. After DITOLAK the supervisor may nominate the household again (a new row).
-- Status changes: DIUSULKAN → DITERIMA | DITOLAK, DITERIMA → DITOLAK (the household leaves PKH);
-- DITOLAK is final. The members' ada_pkh follows the DITERIMA rows (programs/flags.ts).

CREATE TABLE pkh_nominations (
  kab_kota varchar(4) COLLATE "C" NOT NULL REFERENCES regions(code) CHECK (kab_kota ~ '^[0-9]{4}$'),
  id bigserial,
  idbdt char(16) COLLATE "C" NOT NULL REFERENCES households(idbdt),
  status varchar(10) NOT NULL DEFAULT 'DIUSULKAN' CHECK (status IN ('DIUSULKAN', 'DITERIMA', 'DITOLAK')),
  -- The household's PKH components when it was nominated (member counts per component), so the
  -- list and the export show what the supervisor saw even after members change.
  components jsonb NOT NULL CHECK (jsonb_typeof(components) = 'object'),
  nominated_at timestamptz NOT NULL DEFAULT now(),
  nominated_by bigint REFERENCES users(id) ON DELETE SET NULL,
  decided_at timestamptz,
  decided_by bigint REFERENCES users(id) ON DELETE SET NULL,
  decision_reason varchar(500),
  PRIMARY KEY (kab_kota, id),
  CHECK ((status = 'DIUSULKAN') = (decided_at IS NULL)),
  CHECK (status <> 'DITOLAK' OR length(trim(decision_reason)) > 0)
);
-- One open nomination per household (the refusal of a second one, also under concurrent requests).
CREATE UNIQUE INDEX pkh_nominations_open_key ON pkh_nominations (kab_kota, idbdt) WHERE status IN ('DIUSULKAN', 'DITERIMA');
-- The list of a district by status, newest first; the path id (/pkh/nominations/:id); a household's rows.
CREATE INDEX pkh_nominations_status_idx ON pkh_nominations (kab_kota, status, nominated_at DESC, id);
CREATE INDEX pkh_nominations_id_idx ON pkh_nominations (id);
CREATE INDEX pkh_nominations_idbdt_idx ON pkh_nominations (idbdt);

-- Every status change of a nomination (its creation included: old_status null), with who and why.
CREATE TABLE pkh_nomination_history (
  kab_kota varchar(4) COLLATE "C" NOT NULL CHECK (kab_kota ~ '^[0-9]{4}$'),
  id bigserial,
  nomination_id bigint NOT NULL,
  old_status varchar(10) CHECK (old_status IN ('DIUSULKAN', 'DITERIMA', 'DITOLAK')),
  new_status varchar(10) NOT NULL CHECK (new_status IN ('DIUSULKAN', 'DITERIMA', 'DITOLAK')),
  reason varchar(500),
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by bigint REFERENCES users(id) ON DELETE SET NULL,
  PRIMARY KEY (kab_kota, id),
  FOREIGN KEY (kab_kota, nomination_id) REFERENCES pkh_nominations (kab_kota, id)
);
CREATE INDEX pkh_nomination_history_nomination_idx ON pkh_nomination_history (kab_kota, nomination_id, id);
