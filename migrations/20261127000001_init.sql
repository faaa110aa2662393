-- One-time disposable tokens that were already exchanged for a card session.
-- Kept until the token would have expired anyway; the primary key makes the
-- exchange atomic across server processes.
CREATE TABLE used_tokens (
    jti         TEXT PRIMARY KEY,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX used_tokens_expires_at ON used_tokens (expires_at);

-- Short card sessions: what a verified disposable token turns into. The
-- session secret lives only in the client's cookie; the row keeps its SHA-256.
CREATE TABLE card_sessions (
    id_hash       TEXT PRIMARY KEY,
    jti           TEXT NOT NULL REFERENCES used_tokens (jti) ON DELETE CASCADE,
    csrf          TEXT NOT NULL,
    account_id    BIGINT NOT NULL,
    account_host  TEXT NOT NULL,
    user_id       BIGINT NOT NULL,
    entity_kind   TEXT NOT NULL CHECK (entity_kind IN ('leads', 'customers')),
    entity_id     BIGINT NOT NULL,
    is_admin      BOOLEAN NOT NULL,
    from_platform TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX card_sessions_expires_at ON card_sessions (expires_at);
