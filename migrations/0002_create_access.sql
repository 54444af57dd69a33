-- Users, their region scope, sessions and API tokens (module `access`).
CREATE TABLE users (
  id bigserial PRIMARY KEY,
  username varchar(64) NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9_.-]{3,64}$'),
  name varchar(100) NOT NULL,
  role varchar(10) NOT NULL CHECK (role IN ('PUSDATIN', 'PFM', 'PROVINSI', 'SUPERVISOR', 'OPERATOR')),
  password_hash text NOT NULL,
  status varchar(8) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
  must_change_password boolean NOT NULL DEFAULT false,
  language varchar(2) NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The regions a user may see. PUSDATIN and PFM have none (the nation); PROVINSI one province;
-- SUPERVISOR one kabupaten/kota; OPERATOR a list of kecamatan or desa.
CREATE TABLE user_regions (
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  region_code varchar(10) COLLATE "C" NOT NULL REFERENCES regions(code),
  PRIMARY KEY (user_id, region_code)
);

-- Sessions live in the database so that several server processes can share them.
-- Only the SHA-256 of the cookie value is stored.
CREATE TABLE sessions (
  token_hash char(64) PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name varchar(100) NOT NULL,
  token_hash char(64) NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);
