-- Login locks by (User ID, address) (issue 9, finding 8). A lock on a User ID alone let anyone lock
-- any predictable account, and answering 423 only for existing accounts told which exist. Locks are
-- keyed by the User ID as typed, existing or not; address '' is the lock of the User ID from every
-- address, raised only after failures from many addresses. Failures before `failures_since` no longer
-- count (set when a lock is raised, ends or is lifted).
CREATE TABLE login_locks (
  username varchar(64) NOT NULL,
  address varchar(64) NOT NULL,
  locked_until timestamptz,
  failures_since timestamptz NOT NULL,
  PRIMARY KEY (username, address)
);

CREATE INDEX login_attempts_username_idx ON login_attempts (username, at) WHERE NOT success;

-- The account lock now lives in login_locks.
ALTER TABLE users DROP COLUMN locked_until;
ALTER TABLE users DROP COLUMN failures_since;
