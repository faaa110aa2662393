-- A card's round trip sends several amoCRM requests at once. Taking their
-- slots one statement each cost Postgres as much CPU per card open as the
-- server itself: take_rate_slots() takes `p_n` slots of `p_key`'s window in
-- one statement, all or none. Returns 0 when they were taken, else how many
-- milliseconds until `p_n` fit (nothing is recorded then). Same window and
-- clock as take_rate_slot(); `p_n` is at most `p_limit` (the caller clamps).
CREATE FUNCTION take_rate_slots(p_key TEXT, p_limit INT, p_window_ms INT, p_n INT) RETURNS INT
LANGUAGE plpgsql AS $$
DECLARE
    kept   TIMESTAMPTZ[];
    now_ts TIMESTAMPTZ;
    n      INT := LEAST(GREATEST(p_n, 1), p_limit);
BEGIN
    PERFORM set_config('synchronous_commit', 'off', true);
    INSERT INTO rate_windows (key) VALUES (p_key) ON CONFLICT (key) DO NOTHING;
    SELECT sent INTO kept FROM rate_windows WHERE key = p_key FOR UPDATE;
    now_ts := clock_timestamp();
    kept := ARRAY(
        SELECT t FROM unnest(kept) AS t
        WHERE t > now_ts - make_interval(secs => p_window_ms / 1000.0)
        ORDER BY t
    );
    IF cardinality(kept) + n <= p_limit THEN
        UPDATE rate_windows SET sent = kept || array_fill(now_ts, ARRAY[n]) WHERE key = p_key;
        RETURN 0;
    END IF;
    UPDATE rate_windows SET sent = kept WHERE key = p_key;
    -- `n` fit once the oldest (cardinality + n - limit) sends have left the window.
    RETURN GREATEST(1, ceil(extract(epoch FROM
        kept[cardinality(kept) + n - p_limit] + make_interval(secs => p_window_ms / 1000.0) - now_ts
    ) * 1000))::INT;
END
$$;
