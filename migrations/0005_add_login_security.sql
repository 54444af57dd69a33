-- Login security (F1, C1): account lock after repeated failures, failed/successful attempts per
-- account and address, used captcha challenges (a solved challenge cannot be replayed), and
-- server-wide secrets shared by every server process.
ALTER TABLE users ADD COLUMN locked_until timestamptz;
-- Failures before this moment no longer count towards a lock (set when a lock ends or is lifted).
ALTER TABLE users ADD COLUMN failures_since timestamptz;

CREATE TABLE login_attempts (
  id bigserial PRIMARY KEY,
  username varchar(64) NOT NULL,
  user_id bigint REFERENCES users(id) ON DELETE SET NULL,
  address varchar(64) NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  success boolean NOT NULL
);
CREATE INDEX login_attempts_user_idx ON login_attempts (user_id, at) WHERE NOT success;
CREATE INDEX login_attempts_address_idx ON login_attempts (address, at) WHERE NOT success;

CREATE TABLE captcha_used (
  challenge_id varchar(128) PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX captcha_used_expires_idx ON captcha_used (expires_at);

CREATE TABLE settings (
  key varchar(64) PRIMARY KEY,
  value text NOT NULL
);
