-- Deleting an expired used_tokens row cascades to card_sessions by jti:
-- without this index every cleanup scans the sessions table.
CREATE INDEX card_sessions_jti ON card_sessions (jti);
