-- Tiers are data, per app. An app with no tiers of its own uses those of the template app
-- (passport.membership.template-app-id, 'default'); operators add an app's own with INSERTs here.
CREATE TABLE tier (
    app_id                TEXT        NOT NULL,
    name                  TEXT        NOT NULL,
    level                 INT         NOT NULL CHECK (level >= 0),
    capabilities          TEXT[]      NOT NULL DEFAULT '{}',
    -- Invitees a holder of invite:create may invite per calendar month (the sum of max_uses).
    monthly_invite_quota  INT         NOT NULL DEFAULT 0 CHECK (monthly_invite_quota >= 0),
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (app_id, name),
    UNIQUE (app_id, level)
);

INSERT INTO tier (app_id, name, level, capabilities, monthly_invite_quota) VALUES
    ('default', 'free',   0, '{}', 0),
    ('default', 'member', 1, '{cloud:deploy,server:create}', 0),
    ('default', 'pro',    2, '{cloud:deploy,server:create,invite:create,oauth_app:create}', 10);

-- The tier is a name: a user whose tier an operator removes falls back to free.
ALTER TABLE membership DROP COLUMN level;
ALTER TABLE membership ALTER COLUMN status SET DEFAULT 'active';
UPDATE membership SET status = 'active' WHERE status NOT IN ('active', 'expired', 'suspended');
ALTER TABLE membership ADD CONSTRAINT membership_status CHECK (status IN ('active', 'expired', 'suspended'));
ALTER TABLE membership ADD COLUMN ends_at TIMESTAMPTZ;
-- Grows with every change; MembershipChanged carries it so consumers drop stale events.
ALTER TABLE membership ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;

-- Per-user exceptions on top of the tier.
CREATE TABLE capability_override (
    app_id      TEXT        NOT NULL,
    user_id     UUID        NOT NULL,
    capability  TEXT        NOT NULL,
    kind        TEXT        NOT NULL CHECK (kind IN ('grant', 'revoke')),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (app_id, user_id, capability)
);

CREATE TABLE invite (
    id           UUID        PRIMARY KEY,
    app_id       TEXT        NOT NULL,
    -- SHA-256 of the normalised code: the clear code is shown once, at creation.
    code_digest  TEXT        NOT NULL UNIQUE,
    tier         TEXT        NOT NULL,
    max_uses     INT         NOT NULL CHECK (max_uses > 0),
    uses         INT         NOT NULL DEFAULT 0 CHECK (uses >= 0 AND uses <= max_uses),
    expires_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ,
    -- The operator or member who made it; null when made by another service.
    created_by   UUID,
    note         TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX invite_by_app ON invite (app_id, created_at DESC);
CREATE INDEX invite_by_creator ON invite (app_id, created_by, created_at);

CREATE TABLE redemption (
    invite_id    UUID        NOT NULL REFERENCES invite (id),
    user_id      UUID        NOT NULL,
    redeemed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (invite_id, user_id)
);

-- Codes given at registration that could not be redeemed: registration never fails on them.
CREATE TABLE ignored_invite_code (
    event_id     UUID        PRIMARY KEY,
    app_id       TEXT        NOT NULL,
    user_id      UUID        NOT NULL,
    -- Digest of what was given, never the clear text.
    code_digest  TEXT        NOT NULL,
    reason       TEXT        NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
