-- An account admin's layout of the card for one scope (`pipeline:<id>` or
-- `customers`): key custom fields in order, a header field, the sections'
-- order and visibility, all in the form's own spelling. `version` starts at 1
-- and grows by one per save; a save names the version it was made from, so
-- two admins editing at once cannot overwrite each other.
CREATE TABLE card_layouts (
    account_id   BIGINT      NOT NULL,
    scope        TEXT        NOT NULL,
    fields       TEXT        NOT NULL,
    header_field BIGINT,
    sections     TEXT        NOT NULL,
    version      INTEGER     NOT NULL CHECK (version > 0),
    saved_by     BIGINT      NOT NULL,
    saved_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, scope)
);
