-- People imported from the city's legacy systems. legacy_id is the record's key in the
-- system it came from: re-running an import finds it and skips the record, so an import
-- can be repeated after a partial failure without creating anyone twice.
alter table person add column legacy_id varchar(100);
create unique index person_legacy_id_uk on person (realm, legacy_id);

-- A personal ID number a legacy system held about a person, which nobody verified. It is
-- NOT a verified identity: sign-in never reads it and nothing is linked through it (the
-- VNeID linking rules read verified_identity only). It is kept so that an administrator
-- can compare it with what VNeID later vouches for; no unique index, because two legacy
-- records claiming the same number is exactly the kind of error it may hold.
create table unverified_personal_id (
    realm       varchar(40)  not null,
    person_id   varchar(64)  not null,
    personal_id varchar(12)  not null,
    source      varchar(40)  not null,
    recorded_at timestamp with time zone not null,
    primary key (realm, person_id)
);
create index unverified_personal_id_number on unverified_personal_id (realm, personal_id);
