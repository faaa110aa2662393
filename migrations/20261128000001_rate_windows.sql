-- amoCRM allows 7 requests per second per account for the whole integration,
-- however many replicas serve it. Each account (keyed by its host) keeps the
-- send times of its last requests here; every replica takes a slot through
-- take_rate_slot() before it calls amoCRM. Postgres' clock is the one clock
-- all replicas agree on.
CREATE TABLE rate_windows (
    key   TEXT PRIMARY KEY,
    sent  TIMESTAMPTZ[] NOT NULL DEFAULT '{}'
);

-- Takes a slot in `p_key`'s sliding window of `p_window_ms` if fewer than
-- `p_limit` requests were sent in it. Returns 0 when the slot was taken, else
-- how many milliseconds until the oldest send leaves the window (nothing is
-- recorded then). The row lock serialises concurrent callers of one account;
-- other accounts are not touched.
CREATE FUNCTION take_rate_slot(p_key TEXT, p_limit INT, p_window_ms INT) RETURNS INT
LANGUAGE plpgsql AS $$
DECLARE
    kept   TIMESTAMPTZ[];
    now_ts TIMESTAMPTZ;
BEGIN
    -- A slot record lost in a crash costs nothing (the window is 1.15 s long):
    -- do not wait for the WAL flush on every amoCRM call.
    PERFORM set_config('synchronous_commit', 'off', true);
    INSERT INTO rate_windows (key) VALUES (p_key) ON CONFLICT (key) DO NOTHING;
    SELECT sent INTO kept FROM rate_windows WHERE key = p_key FOR UPDATE;
    -- Read the clock after the lock: a waiter's slot is stamped when it is granted.
    now_ts := clock_timestamp();
    kept := ARRAY(
        SELECT t FROM unnest(kept) AS t
        WHERE t > now_ts - make_interval(secs => p_window_ms / 1000.0)
        ORDER BY t
    );
    IF cardinality(kept) < p_limit THEN
        UPDATE rate_windows SET sent = kept || now_ts WHERE key = p_key;
        RETURN 0;
    END IF;
    UPDATE rate_windows SET sent = kept WHERE key = p_key;
    RETURN GREATEST(1, ceil(extract(epoch FROM
        kept[cardinality(kept) - p_limit + 1] + make_interval(secs => p_window_ms / 1000.0) - now_ts
    ) * 1000))::INT;
END
$$;
