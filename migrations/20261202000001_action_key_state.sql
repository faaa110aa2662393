-- An idempotency key remembers what its write came to: 'pending' while amoCRM
-- is being called, 'done' once amoCRM confirmed it, 'uncertain' when the
-- answer never came. A key whose write failed is deleted, so a retry with the
-- same key really retries (nothing was saved). Rows from before this column
-- were all claimed for writes that were reported; they count as 'done'.
ALTER TABLE action_keys ADD COLUMN state TEXT NOT NULL DEFAULT 'done'
    CHECK (state IN ('pending', 'done', 'uncertain'));
ALTER TABLE action_keys ALTER COLUMN state SET DEFAULT 'pending';
