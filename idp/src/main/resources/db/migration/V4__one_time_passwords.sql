-- Time-based one-time password credentials (RFC 6238). The secret is encrypted with the
-- master key; last_step stops a code from being used twice, on any node.
create table otp_credential (
    person_id        varchar(64)  primary key,
    realm            varchar(40)  not null,
    secret_encrypted varchar(500) not null,
    created_at       timestamp with time zone not null,
    confirmed_at     timestamp with time zone,
    last_step        bigint
);
