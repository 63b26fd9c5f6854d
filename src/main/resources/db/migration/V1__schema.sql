-- The whole schema of SPEC §4. Integrity lives in the database, not only in code:
-- case-insensitive unique emails, stock never negative, one claim per user and perk,
-- one claim per user and idempotency key.

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         VARCHAR(254) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    display_name  VARCHAR(80)  NOT NULL,
    role          VARCHAR(16)  NOT NULL DEFAULT 'employee' CHECK (role IN ('employee', 'admin')),
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_ci_uk ON users (lower(email));

CREATE TABLE perks (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title       VARCHAR(120)  NOT NULL,
    description VARCHAR(2000) NOT NULL DEFAULT '',
    stock       INTEGER       NOT NULL CHECK (stock >= 0 AND stock <= 1000000),
    active      BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ   NOT NULL DEFAULT now()
);
-- Public listings read active perks in id order.
CREATE INDEX perks_active_id_idx ON perks (id) WHERE active;

CREATE TABLE claims (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    perk_id         BIGINT       NOT NULL REFERENCES perks (id),
    user_id         BIGINT       NOT NULL REFERENCES users (id),
    idempotency_key VARCHAR(255),
    claimed_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT claims_user_perk_uk UNIQUE (user_id, perk_id),
    CONSTRAINT claims_user_key_uk UNIQUE (user_id, idempotency_key)
);
CREATE INDEX claims_perk_idx ON claims (perk_id);
