-- Team mode schema, version 1. Portable SQL: runs unchanged on SQLite and PostgreSQL.
-- Ids and tokens are made by the server (random, text); times are epoch milliseconds (BIGINT);
-- flags are 0/1 integers. Secrets are stored only as SHA-256 hashes (tokens) or scrypt (passwords).

CREATE TABLE instructors (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  instructor_id TEXT NOT NULL REFERENCES instructors(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE TABLE cohorts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES instructors(id),
  created_at BIGINT NOT NULL
);

CREATE TABLE invitations (
  token_hash TEXT PRIMARY KEY,
  cohort_id TEXT NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE TABLE learners (
  id TEXT PRIMARY KEY,
  cohort_id TEXT NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  joined_at BIGINT NOT NULL
);

CREATE TABLE submissions (
  id TEXT PRIMARY KEY,
  learner_id TEXT NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
  lab_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('verified', 'rejected')),
  reject_code TEXT,
  reason TEXT,
  score INTEGER,
  max_score INTEGER,
  complete INTEGER NOT NULL DEFAULT 0,
  time_spent_ms BIGINT,
  progress_json TEXT,
  result_json TEXT NOT NULL,
  result_sha256 TEXT NOT NULL,
  received_at BIGINT NOT NULL
);

CREATE INDEX submissions_by_learner ON submissions (learner_id, lab_id, received_at);
CREATE INDEX learners_by_cohort ON learners (cohort_id);
-- A learner's browser may send the same result twice (a retry after a lost answer): stored once.
CREATE UNIQUE INDEX submissions_once ON submissions (learner_id, result_sha256);
