-- Whether the app's backend (API key) or an operator set the reference: only then does leaving it
-- free the file. A user can name any URL as their avatar, another user's file too, and must not be
-- able to have it swept by naming it and then moving away.
ALTER TABLE asset_avatar_reference ADD COLUMN set_by_app BOOLEAN NOT NULL DEFAULT false;
