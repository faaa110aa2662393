-- Idempotency keys of quick-action submissions: a double tap (or a resent
-- request) inserts the same key twice and the second is not sent to amoCRM.
-- Keys die with the card session's token.
CREATE TABLE action_keys (
    jti        TEXT NOT NULL REFERENCES used_tokens (jti) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (jti, key)
);
