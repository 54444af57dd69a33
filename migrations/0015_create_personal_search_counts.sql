-- Searches by NIK, No KK or name (personal searches) per user and minute: the counter behind
-- SIKS_PERSONAL_SEARCH_PER_MINUTE. It lives in the database so that the limit holds across every
-- server process of one PostgreSQL database; one upsert per search on the primary key keeps it
-- cheap, and a user's older minutes are deleted when a new minute starts.
CREATE TABLE personal_search_counts (
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  minute timestamptz NOT NULL,
  searches integer NOT NULL CHECK (searches >= 1),
  PRIMARY KEY (user_id, minute)
);
COMMENT ON TABLE personal_search_counts IS 'searches by NIK, No KK or name per user and minute: the counter of SIKS_PERSONAL_SEARCH_PER_MINUTE';
