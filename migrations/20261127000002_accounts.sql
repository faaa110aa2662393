-- The OAuth token cache: one row per installed amoCRM account. Tokens are
-- encrypted (XChaCha20-Poly1305) with the key named by key_id.
CREATE TABLE accounts (
    account_id        BIGINT PRIMARY KEY,
    host              TEXT NOT NULL,
    key_id            TEXT NOT NULL,
    access_token      BYTEA NOT NULL,
    refresh_token     BYTEA NOT NULL,
    access_expires_at TIMESTAMPTZ NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('active', 'needs_reinstall')),
    installed_at      TIMESTAMPTZ NOT NULL,
    refreshed_at      TIMESTAMPTZ
);
