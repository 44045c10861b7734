-- Whether someone proved they receive what is sent to the account's phone, as email_verified does
-- for its email. The first proof of either ends what was set before it (a password, sessions):
-- the account may have been opened in another person's name. Accounts from before this column
-- count as unproven: the safe side, at the price of a reset for their owners' first code login.
ALTER TABLE app_user ADD COLUMN phone_verified BOOLEAN NOT NULL DEFAULT FALSE;
