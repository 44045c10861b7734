-- Operators page through an app's users oldest first (ORDER BY created_at, id).
CREATE INDEX app_user_app_created_idx ON app_user (app_id, created_at, id);
