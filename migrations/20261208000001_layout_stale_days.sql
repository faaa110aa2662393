-- After how many days in a stage a deal is stale (#40), in the form's
-- spelling: `<status id>:<days>` pairs, comma-separated; empty for none.
ALTER TABLE card_layouts ADD COLUMN stale_days TEXT NOT NULL DEFAULT '';
