-- Whether registering through the canonical API needs a code sent to the contact first.
ALTER TABLE app ADD COLUMN register_captcha_required BOOLEAN NOT NULL DEFAULT FALSE;
