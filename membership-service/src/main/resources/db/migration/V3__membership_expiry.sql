-- The expiry job looks for active memberships whose end date has passed.
CREATE INDEX membership_active_ends_at ON membership (ends_at) WHERE status = 'active' AND ends_at IS NOT NULL;
