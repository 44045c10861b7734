-- Keys that sign access tokens (RS256, RSA 2048). A key signs from activates_at until retires_at
-- (open while it has no successor) and is published in the JWKS until expires_at, which lies the
-- longest token lifetime after retires_at. Rows past expires_at are deleted.
CREATE TABLE signing_key (
    kid                 TEXT        PRIMARY KEY,
    algorithm           TEXT        NOT NULL CHECK (algorithm = 'RS256'),
    -- X.509 SubjectPublicKeyInfo, DER.
    public_key          BYTEA       NOT NULL,
    -- PKCS#8 DER sealed with AES-256-GCM under PASSPORT_KEY_ENCRYPTION_KEY: a 12-byte random nonce,
    -- then ciphertext and tag; the kid is the associated data. Never stored in clear.
    private_key_sealed  BYTEA       NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    activates_at        TIMESTAMPTZ NOT NULL,
    retires_at          TIMESTAMPTZ,
    expires_at          TIMESTAMPTZ,
    CHECK (retires_at IS NULL OR retires_at >= activates_at),
    CHECK ((retires_at IS NULL) = (expires_at IS NULL) AND (expires_at IS NULL OR expires_at >= retires_at))
);
