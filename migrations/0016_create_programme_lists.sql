-- Programme lists (issue 10, F10/F11): the KPM of BPNT and RASTRA per district (households) and
-- the PBI-JK participants (members), each with its field-by-field history like household_history.
-- Every table carries kab_kota and has it first in its primary and unique keys, so that a later
-- distribution by district (Citus) keeps each district's rows, keys and history together.
-- A membership is never deleted: removing a KPM or a participant sets NONAKTIF with `until` and a
-- reason (format §3.2: 1 meninggal, 2 pindah, 3 mampu/tidak layak, 4 data ganda, 5 tidak
-- ditemukan, 6 menolak). The quota's "used" is the count of AKTIF rows.

CREATE TABLE kpm_memberships (
  kab_kota varchar(4) COLLATE "C" NOT NULL REFERENCES regions(code) CHECK (kab_kota ~ '^[0-9]{4}$'),
  program varchar(10) NOT NULL CHECK (program IN ('BPNT', 'RASTRA')),
  idbdt char(16) COLLATE "C" NOT NULL REFERENCES households(idbdt),
  -- The account holder: idartbdt of a member of the household (null until one is named).
  id_pengurus char(18) COLLATE "C" REFERENCES members(idartbdt) CHECK (id_pengurus IS NULL OR left(id_pengurus, 16) = idbdt),
  no_kks varchar(20) CHECK (no_kks ~ '^[0-9]{6,20}$'),
  no_rekening varchar(30) CHECK (no_rekening ~ '^[0-9]{6,30}$'),
  status varchar(8) NOT NULL DEFAULT 'AKTIF' CHECK (status IN ('AKTIF', 'NONAKTIF')),
  since date NOT NULL,
  until date,
  reason smallint CHECK (reason BETWEEN 1 AND 6),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kab_kota, program, idbdt),
  CHECK (until IS NULL OR until >= since),
  CHECK ((status = 'AKTIF' AND until IS NULL AND reason IS NULL) OR (status = 'NONAKTIF' AND until IS NOT NULL))
);
-- The list page and the quota count: AKTIF rows of one district and programme.
CREATE INDEX kpm_memberships_status_idx ON kpm_memberships (kab_kota, program, status, idbdt);
CREATE INDEX kpm_memberships_idbdt_idx ON kpm_memberships (idbdt);
CREATE UNIQUE INDEX kpm_memberships_no_kks_key ON kpm_memberships (kab_kota, program, no_kks) WHERE no_kks IS NOT NULL;

CREATE TABLE kpm_history (
  id bigserial,
  kab_kota varchar(4) COLLATE "C" NOT NULL CHECK (kab_kota ~ '^[0-9]{4}$'),
  program varchar(10) NOT NULL CHECK (program IN ('BPNT', 'RASTRA')),
  idbdt char(16) COLLATE "C" NOT NULL,
  field varchar(64) NOT NULL,
  old_value text,
  new_value text,
  version integer NOT NULL CHECK (version >= 1),
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by bigint,
  -- Where the change came from ('demo', 'package:<uuid>', 'online', 'baseline'), as in household_history.
  source varchar(200) NOT NULL,
  reason text,
  PRIMARY KEY (kab_kota, id),
  FOREIGN KEY (kab_kota, program, idbdt) REFERENCES kpm_memberships (kab_kota, program, idbdt)
);
CREATE INDEX kpm_history_idbdt_idx ON kpm_history (kab_kota, idbdt, id);

CREATE TABLE pbi_participants (
  kab_kota varchar(4) COLLATE "C" NOT NULL REFERENCES regions(code) CHECK (kab_kota ~ '^[0-9]{4}$'),
  idartbdt char(18) COLLATE "C" NOT NULL REFERENCES members(idartbdt),
  -- The PBI-JK card number: 13 digits, null until the card is issued.
  no_kartu char(13) COLLATE "C" CHECK (no_kartu ~ '^[0-9]{13}$'),
  status varchar(8) NOT NULL DEFAULT 'AKTIF' CHECK (status IN ('AKTIF', 'NONAKTIF')),
  since date NOT NULL,
  until date,
  reason smallint CHECK (reason BETWEEN 1 AND 6),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kab_kota, idartbdt),
  CHECK (until IS NULL OR until >= since),
  CHECK ((status = 'AKTIF' AND until IS NULL AND reason IS NULL) OR (status = 'NONAKTIF' AND until IS NOT NULL))
);
CREATE INDEX pbi_participants_status_idx ON pbi_participants (kab_kota, status, idartbdt);
CREATE INDEX pbi_participants_idartbdt_idx ON pbi_participants (idartbdt);
CREATE UNIQUE INDEX pbi_participants_no_kartu_key ON pbi_participants (kab_kota, no_kartu) WHERE no_kartu IS NOT NULL;

CREATE TABLE pbi_history (
  id bigserial,
  kab_kota varchar(4) COLLATE "C" NOT NULL CHECK (kab_kota ~ '^[0-9]{4}$'),
  idartbdt char(18) COLLATE "C" NOT NULL,
  field varchar(64) NOT NULL,
  old_value text,
  new_value text,
  version integer NOT NULL CHECK (version >= 1),
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by bigint,
  source varchar(200) NOT NULL,
  reason text,
  PRIMARY KEY (kab_kota, id),
  FOREIGN KEY (kab_kota, idartbdt) REFERENCES pbi_participants (kab_kota, idartbdt)
);
CREATE INDEX pbi_history_idartbdt_idx ON pbi_history (kab_kota, idartbdt, id);
