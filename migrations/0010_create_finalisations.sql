-- Finalisasi BDT and Surat Pengesahan (F8), module `finalisations`.
--
-- A finalisation freezes the decisions a district has taken so far in a period: it is an
-- immutable record with the recap as shown, the letterhead and signatures as they were (so the
-- letter never changes when the profile does later), a snapshot of every household its proposals
-- name, and the SHA-256 of that data set. Finalised proposals can no longer change. Triggers
-- enforce both below, whatever code runs: the application checks first, these are the backstop.

CREATE TABLE finalisations (
  id bigserial PRIMARY KEY,
  -- The id printed on the letter and its QR code for the public verification page: random, so
  -- that nobody can enumerate the letters of all districts by counting.
  public_id uuid NOT NULL UNIQUE,
  kab_kota varchar(4) COLLATE "C" NOT NULL REFERENCES regions(code),
  period char(7) NOT NULL REFERENCES periods(code),
  -- 1, 2, … per district and period: imports after a finalisation are finalised again.
  number integer NOT NULL CHECK (number >= 1),
  letter_number varchar(60) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint REFERENCES users(id) ON DELETE SET NULL,
  created_by_username varchar(64) NOT NULL,
  proposal_count integer NOT NULL CHECK (proposal_count >= 1),
  household_count integer NOT NULL CHECK (household_count >= 0),
  -- The recapitulation as shown in the preview and printed on the letter (finalisations.recap.ts).
  recap jsonb NOT NULL,
  -- District, institution, address, phone, Bupati/Wali Kota, pengesah (name, NIP), period name
  -- and SK number as they were at finalisation.
  letter jsonb NOT NULL,
  -- The district logo as it was (re-encoded PNG/JPEG from Profil Instansi); the profile may
  -- replace or delete its image later.
  letter_logo bytea,
  letter_logo_type varchar(10) CHECK (letter_logo_type IN ('image/png', 'image/jpeg')),
  -- SHA-256 (hex) of the canonical finalised data set; definition in finalisations.hash.ts.
  data_sha256 char(64) NOT NULL CHECK (data_sha256 ~ '^[0-9a-f]{64}$'),
  UNIQUE (kab_kota, period, number),
  CHECK ((letter_logo IS NULL) = (letter_logo_type IS NULL))
);
CREATE INDEX finalisations_kab_idx ON finalisations (kab_kota, period, number DESC);
CREATE INDEX finalisations_period_idx ON finalisations (period, kab_kota);

-- Every household a proposal of the finalisation names (its idbdt, the idbdt assigned to an
-- approved usulan baru, the household members were merged into), as it was at finalisation:
-- household fields, version, status and its members. The finalised data download reads these,
-- so it never changes when the registry moves on.
CREATE TABLE finalisation_households (
  finalisation_id bigint NOT NULL REFERENCES finalisations(id) DEFERRABLE INITIALLY DEFERRED,
  idbdt char(16) COLLATE "C" NOT NULL,
  kode_wilayah varchar(10) COLLATE "C" NOT NULL,
  record jsonb NOT NULL,
  PRIMARY KEY (finalisation_id, idbdt)
);

-- finalisePeriod marks the proposals before it inserts the finalisation row (whose recap and
-- hash are computed from what it marked), so the key is checked at commit.
ALTER TABLE proposals
  ADD CONSTRAINT proposals_finalisation_fk FOREIGN KEY (finalisation_id) REFERENCES finalisations(id) DEFERRABLE INITIALLY DEFERRED;
-- A waiting proposal is never finalised (MENUNGGU blocks a finalisation).
ALTER TABLE proposals ADD CONSTRAINT proposals_finalised_decided CHECK (finalisation_id IS NULL OR status <> 'MENUNGGU');
CREATE INDEX proposals_finalisation_idx ON proposals (finalisation_id, id) WHERE finalisation_id IS NOT NULL;

-- Finalised proposals are frozen. Allowed: setting finalisation_id once on an unfinalised row,
-- an UPDATE that changes nothing, and decided_by becoming NULL (the ON DELETE SET NULL of its
-- foreign key; decided_by is not part of the data hash). Everything else, and any DELETE of a
-- finalised row, raises SQLSTATE SKF01 (see isFinalisedProposalError). A new proposal never
-- arrives finalised.
CREATE FUNCTION proposals_guard_finalised() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.finalisation_id IS NOT NULL THEN
      RAISE EXCEPTION 'proposal % cannot be inserted as finalised', NEW.id USING ERRCODE = 'SKF01';
    END IF;
    RETURN NEW;
  END IF;
  IF OLD.finalisation_id IS NULL THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'proposal % is finalised (finalisation %) and cannot be deleted', OLD.id, OLD.finalisation_id USING ERRCODE = 'SKF01';
  END IF;
  IF (to_jsonb(NEW) - 'decided_by') IS DISTINCT FROM (to_jsonb(OLD) - 'decided_by')
     OR (NEW.decided_by IS DISTINCT FROM OLD.decided_by AND NEW.decided_by IS NOT NULL) THEN
    RAISE EXCEPTION 'proposal % is finalised (finalisation %) and cannot be changed', OLD.id, OLD.finalisation_id USING ERRCODE = 'SKF01';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER proposals_guard_finalised BEFORE INSERT OR UPDATE OR DELETE ON proposals
  FOR EACH ROW EXECUTE FUNCTION proposals_guard_finalised();

-- A finalisation and its snapshot never change. The only update let through is created_by
-- becoming NULL (ON DELETE SET NULL of its user; the username stays in created_by_username).
CREATE FUNCTION finalisations_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF (to_jsonb(NEW) - 'created_by') IS NOT DISTINCT FROM (to_jsonb(OLD) - 'created_by') AND NEW.created_by IS NULL THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'finalisations rows are immutable' USING ERRCODE = 'SKF01';
END;
$$;
CREATE FUNCTION raise_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'SKF01';
END;
$$;
CREATE TRIGGER finalisations_immutable BEFORE UPDATE OR DELETE ON finalisations
  FOR EACH ROW EXECUTE FUNCTION finalisations_immutable();
CREATE TRIGGER finalisations_no_truncate BEFORE TRUNCATE ON finalisations
  FOR EACH STATEMENT EXECUTE FUNCTION raise_immutable();
CREATE TRIGGER finalisation_households_immutable BEFORE UPDATE OR DELETE ON finalisation_households
  FOR EACH ROW EXECUTE FUNCTION raise_immutable();
CREATE TRIGGER finalisation_households_no_truncate BEFORE TRUNCATE ON finalisation_households
  FOR EACH STATEMENT EXECUTE FUNCTION raise_immutable();
