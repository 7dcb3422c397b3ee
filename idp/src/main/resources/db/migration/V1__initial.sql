-- Durable state. Portable SQL: runs on H2 (embedded default) and PostgreSQL.

-- A person of a realm. The id is the public `sub`: random, stable, never the username.
create table person (
    id               varchar(64)  primary key,
    realm            varchar(40)  not null,
    email            varchar(320),
    email_normalized varchar(320),
    phone            varchar(32),
    display_name     varchar(200),
    password_hash    varchar(255),
    status           varchar(16)  not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create unique index person_email_uk on person (realm, email_normalized);
create unique index person_phone_uk on person (realm, phone);

-- Token signing keys; the private part is encrypted with the master key (AES-GCM).
create table signing_key (
    kid                   varchar(64)  primary key,
    realm                 varchar(40)  not null,
    algorithm             varchar(10)  not null,
    public_jwk            varchar(4000) not null,
    private_key_encrypted varchar(8000) not null,
    status                varchar(16)  not null,
    created_at            timestamp with time zone not null
);
create index signing_key_realm on signing_key (realm, status);

-- One grant = one sign-in at one client = one refresh-token family.
create table oauth_grant (
    id                   varchar(64)   primary key,
    realm                varchar(40)   not null,
    client_id            varchar(64)   not null,
    person_id            varchar(64)   not null,
    scopes               varchar(1000) not null,
    sid                  varchar(64),
    auth_time            timestamp with time zone not null,
    acr                  varchar(100),
    amr                  varchar(200),
    created_at           timestamp with time zone not null,
    expires_at           timestamp with time zone not null,
    revoked_at           timestamp with time zone,
    revoked_reason       varchar(40)
);
create index oauth_grant_person on oauth_grant (realm, person_id);
create index oauth_grant_sid on oauth_grant (sid);

-- Refresh tokens are stored as SHA-256 of the opaque value. A ROTATED token presented
-- again is a replay: the whole family (the grant) is revoked.
create table refresh_token (
    token_hash varchar(64) primary key,
    grant_id   varchar(64) not null references oauth_grant (id),
    status     varchar(16) not null,
    issued_at  timestamp with time zone not null,
    expires_at timestamp with time zone not null
);
create index refresh_token_grant on refresh_token (grant_id);

-- Scopes a person approved for a client that asks for consent.
create table consent (
    realm      varchar(40)   not null,
    person_id  varchar(64)   not null,
    client_id  varchar(64)   not null,
    scopes     varchar(1000) not null,
    granted_at timestamp with time zone not null,
    primary key (realm, person_id, client_id)
);
