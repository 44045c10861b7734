-- A user's membership is kept per app, and so are its revisions: a change of the user's membership in
-- one app must neither replace nor hold back the capabilities of another.
ALTER TABLE user_capabilities DROP CONSTRAINT user_capabilities_pkey;
ALTER TABLE user_capabilities ADD PRIMARY KEY (app_id, user_id);
