-- The key fields a user with edit rights may change from the phone (#29), in
-- the form's spelling (custom field ids, comma-separated; each one of `fields`).
ALTER TABLE card_layouts ADD COLUMN editable TEXT NOT NULL DEFAULT '';
