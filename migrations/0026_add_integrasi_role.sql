-- Issue 16: the INTEGRASI role (other government systems searching the registry through the DCI API
-- with API tokens). Its scope is the nation (no region), one province or one district.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('PUSDATIN', 'PFM', 'PROVINSI', 'SUPERVISOR', 'OPERATOR', 'INTEGRASI'));
