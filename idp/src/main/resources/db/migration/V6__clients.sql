-- The registered clients of every realm: those of the realm files (managed_by 'config',
-- written by the loader at start) and those made through the admin API ('api').
-- definition: the client's settings as canonical JSON in the realm-file form (never a
-- secret; a file client names its environment variable). secret_hash: keyed SHA-256 of
-- the secret (security/ClientSecretHasher). version: bumped by every change; the admin
-- API's ETag and how nodes see that a client changed.
create table oauth_client (
    realm        varchar(40)    not null,
    client_id    varchar(64)    not null,
    definition   varchar(16000) not null,
    enabled      boolean        not null,
    secret_hash  varchar(100),
    managed_by   varchar(10)    not null,
    version      bigint         not null,
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null,
    primary key (realm, client_id)
);
