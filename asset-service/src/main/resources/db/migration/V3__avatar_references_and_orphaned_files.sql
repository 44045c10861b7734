-- Each user's avatar as passport's user events last told it: the app's file it names, or null
-- (no avatar, one stored elsewhere, or the user deleted). changed_at is the event's occurredAt:
-- an older event arriving later never overwrites a newer one. A deleted user's row stays, so that
-- a profile update delayed past the deletion cannot bring the reference back.
CREATE TABLE asset_avatar_reference (
    app_id        TEXT        NOT NULL,
    user_id       UUID        NOT NULL,
    file_id       UUID        REFERENCES asset_file (file_id) ON DELETE SET NULL,
    changed_at    TIMESTAMPTZ NOT NULL,
    user_deleted  BOOLEAN     NOT NULL DEFAULT false,
    PRIMARY KEY (app_id, user_id)
);

CREATE INDEX asset_avatar_reference_file_idx ON asset_avatar_reference (file_id) WHERE file_id IS NOT NULL;

-- Files that were an avatar and no longer are, since orphaned_at: the sweeper deletes them once
-- the grace period has passed, unless a reference comes back first (then the row goes).
CREATE TABLE asset_orphaned_file (
    file_id      UUID        PRIMARY KEY REFERENCES asset_file (file_id) ON DELETE CASCADE,
    app_id       TEXT        NOT NULL,
    orphaned_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX asset_orphaned_file_due_idx ON asset_orphaned_file (orphaned_at);
