-- Issue 10, the shared ground of BSP/PBI work (F10, F11, C4):
--
-- 1. BSP and PBI proposals live in `proposals` beside BDT ones, so that a proposalId is one
--    idempotency key across every module (format §3.2: "in this or any earlier package") and
--    the import pipeline, decisions and feedback stay one machine. Their own keys get columns
--    (the quota check and the lists read them); the line as received stays in `body`.
--    A proposal is made from a package (origin PACKAGE, with its import) or online by a
--    supervisor (origin ONLINE, no import, `operator_username` names the supervisor).
-- 2. Quotas are set per district, programme and period. The quota of a period is the row of the
--    latest period up to it, so a new period starts with the previous quota without copying; a
--    row with a null quota removes the quota from that period on.
-- 3. Finalisations are per module: BDT, BSP and PBI are finalised (and numbered) separately.

-- 1. Programme proposals.
ALTER TABLE proposals DROP CONSTRAINT proposals_type_check;
ALTER TABLE proposals ALTER COLUMN type TYPE varchar(16);
ALTER TABLE proposals ADD CONSTRAINT proposals_type_check
  CHECK (type IN ('PERBAIKAN', 'USULAN_BARU', 'BSP_GANTI', 'BSP_NONAKTIF', 'BSP_UBAH', 'PBI_NONAKTIF', 'PBI_USUL'));
ALTER TABLE proposals ADD CONSTRAINT proposals_module_type_check CHECK (
  (module = 'BDT' AND type IN ('PERBAIKAN', 'USULAN_BARU'))
  OR (module = 'BSP' AND type IN ('BSP_GANTI', 'BSP_NONAKTIF', 'BSP_UBAH'))
  OR (module = 'PBI' AND type IN ('PBI_NONAKTIF', 'PBI_USUL'))
);
-- Every proposal but an usulan baru names its household (for PBI: the member's household).
ALTER TABLE proposals DROP CONSTRAINT proposals_check;
ALTER TABLE proposals ADD CONSTRAINT proposals_idbdt_check CHECK ((type = 'USULAN_BARU') = (idbdt IS NULL));
ALTER TABLE proposals
  ADD COLUMN origin varchar(7) NOT NULL DEFAULT 'PACKAGE' CHECK (origin IN ('PACKAGE', 'ONLINE')),
  -- BSP: BPNT or RASTRA; PBI: PBI; BDT: null.
  ADD COLUMN program varchar(10) CHECK (program IN ('BPNT', 'RASTRA', 'PBI')),
  -- PBI: the member (participant or proposed participant).
  ADD COLUMN idartbdt char(18) COLLATE "C",
  -- BSP_GANTI: the household that takes the place of `idbdt`.
  ADD COLUMN replacement_idbdt char(16) COLLATE "C",
  -- BSP_GANTI, BSP_NONAKTIF, PBI_NONAKTIF: 1 meninggal, 2 pindah, 3 mampu/tidak layak, 4 data
  -- ganda, 5 tidak ditemukan, 6 menolak (format §3.2).
  ADD COLUMN reason_code smallint CHECK (reason_code BETWEEN 1 AND 6);
ALTER TABLE proposals ALTER COLUMN import_id DROP NOT NULL;
ALTER TABLE proposals ALTER COLUMN package_id DROP NOT NULL;
ALTER TABLE proposals ALTER COLUMN line_no DROP NOT NULL;
ALTER TABLE proposals ADD CONSTRAINT proposals_origin_keys_check CHECK (
  (origin = 'PACKAGE' AND import_id IS NOT NULL AND package_id IS NOT NULL AND line_no IS NOT NULL)
  OR (origin = 'ONLINE' AND import_id IS NULL AND package_id IS NULL AND line_no IS NULL AND module <> 'BDT')
);
ALTER TABLE proposals ADD CONSTRAINT proposals_program_keys_check CHECK (
  (module = 'BDT' AND program IS NULL)
  OR (module = 'BSP' AND program IN ('BPNT', 'RASTRA'))
  OR (module = 'PBI' AND program = 'PBI' AND idartbdt IS NOT NULL AND left(idartbdt, 16) = idbdt)
);
-- The BSP/PBI review lists: a district's proposals of one module by status, oldest first.
CREATE INDEX proposals_module_idx ON proposals (kab_kota, module, status, imported_at, id) WHERE module <> 'BDT';
-- Eligibility at import and approval: waiting proposals naming a replacement or a member.
CREATE INDEX proposals_replacement_idx ON proposals (replacement_idbdt) WHERE replacement_idbdt IS NOT NULL;
CREATE INDEX proposals_idartbdt_idx ON proposals (idartbdt) WHERE idartbdt IS NOT NULL;

-- 2. Quotas per period.
ALTER TABLE district_quotas ADD COLUMN period char(7) COLLATE "C" CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$');
UPDATE district_quotas SET period = coalesce((SELECT min(code) FROM periods), to_char(now(), 'YYYY-MM'));
ALTER TABLE district_quotas ALTER COLUMN period SET NOT NULL;
ALTER TABLE district_quotas ALTER COLUMN quota DROP NOT NULL;
ALTER TABLE district_quotas DROP CONSTRAINT district_quotas_pkey;
ALTER TABLE district_quotas ADD PRIMARY KEY (kab, program, period);

-- 3. Finalisations per module.
ALTER TABLE finalisations ADD COLUMN module varchar(3) NOT NULL DEFAULT 'BDT' CHECK (module IN ('BDT', 'BSP', 'PBI'));
ALTER TABLE finalisations DROP CONSTRAINT finalisations_kab_kota_period_number_key;
ALTER TABLE finalisations ADD CONSTRAINT finalisations_kab_kota_period_module_number_key UNIQUE (kab_kota, period, module, number);
