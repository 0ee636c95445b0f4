-- The journal store's schema for PostgreSQL. Every statement is safe to run again; the
-- advisory lock makes two processes starting at once take turns.
BEGIN;
SELECT pg_advisory_xact_lock(7041991);
CREATE TABLE IF NOT EXISTS journal (
    seq BIGINT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (length(kind) > 0),
    date TEXT NOT NULL CHECK (date ~ '^[0-9]{4}'),
    payload TEXT NOT NULL,
    actor TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE OR REPLACE FUNCTION journal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'journal entries are never changed or deleted; record a correction as a new event';
END;
$$;
DROP TRIGGER IF EXISTS journal_no_change ON journal;
CREATE TRIGGER journal_no_change BEFORE UPDATE OR DELETE ON journal
    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
DROP TRIGGER IF EXISTS journal_no_truncate ON journal;
CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal
    FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();
CREATE TABLE IF NOT EXISTS idempotency (
    key TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    first_seq BIGINT NOT NULL,
    last_seq BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    party TEXT,
    password_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users(name),
    expires_at BIGINT NOT NULL
);
COMMIT;
