-- Operators list, search and filter an app's users (a million and more) in a few milliseconds.

-- How many users each app has, kept by triggers in the transaction that adds or removes them, so
-- it is exact in every snapshot (count(*) over a million rows costs tens of milliseconds). Each
-- statement adds to one of 16 stripes chosen at random: concurrent registrations in one app
-- rarely wait on the same row, and the total is the sum of at most 16 rows.
CREATE TABLE app_user_count (
    app_id TEXT     NOT NULL,
    stripe SMALLINT NOT NULL,
    users  BIGINT   NOT NULL,
    PRIMARY KEY (app_id, stripe)
);

INSERT INTO app_user_count (app_id, stripe, users)
SELECT app_id, 0, count(*) FROM app_user GROUP BY app_id;

CREATE FUNCTION app_user_count_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO app_user_count (app_id, stripe, users)
    SELECT app_id, floor(random() * 16)::SMALLINT, count(*) FROM added GROUP BY app_id
    ON CONFLICT (app_id, stripe) DO UPDATE SET users = app_user_count.users + EXCLUDED.users;
    RETURN NULL;
END
$$;

CREATE FUNCTION app_user_count_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO app_user_count (app_id, stripe, users)
    SELECT app_id, floor(random() * 16)::SMALLINT, -count(*) FROM removed GROUP BY app_id
    ON CONFLICT (app_id, stripe) DO UPDATE SET users = app_user_count.users + EXCLUDED.users;
    RETURN NULL;
END
$$;

-- Statement triggers with transition tables: a bulk load costs one counter write per statement.
CREATE TRIGGER app_user_counted_on_insert AFTER INSERT ON app_user
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION app_user_count_added();
CREATE TRIGGER app_user_counted_on_delete AFTER DELETE ON app_user
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION app_user_count_removed();

-- A user's app never changes; were it to, the counters would drift, so it cannot.
CREATE FUNCTION app_user_app_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a user''s app_id cannot change';
END
$$;
CREATE TRIGGER app_user_app_fixed BEFORE UPDATE OF app_id ON app_user
    FOR EACH ROW WHEN (OLD.app_id IS DISTINCT FROM NEW.app_id) EXECUTE FUNCTION app_user_app_fixed();

-- The paging index carries the filter columns: a filtered page is still read from the index
-- alone (an index-only scan), and only the page's rows are fetched from the table.
DROP INDEX app_user_app_created_idx;
CREATE INDEX app_user_app_created_idx ON app_user (app_id, created_at, id) INCLUDE (role, status, email_verified);

-- Rare values have their own ordered lists: a filter on them never walks the whole app.
CREATE INDEX app_user_admins_idx ON app_user (app_id, created_at, id) WHERE role = 9;
CREATE INDEX app_user_disabled_idx ON app_user (app_id, created_at, id) WHERE status = 'disabled';

-- Prefix search (q), case-insensitive: LIKE 'prefix%' uses these whatever the database's collation.
CREATE INDEX app_user_username_prefix_idx ON app_user (app_id, lower(username) text_pattern_ops);
CREATE INDEX app_user_email_prefix_idx ON app_user (app_id, lower(email) text_pattern_ops);
CREATE INDEX app_user_phone_prefix_idx ON app_user (app_id, phone text_pattern_ops);
CREATE INDEX app_user_nickname_prefix_idx ON app_user (app_id, lower(nickname) text_pattern_ops);
