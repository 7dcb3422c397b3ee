-- Expired grants (and their refresh tokens) are purged by each node in batches, oldest
-- first (GrantPurge); this index finds them without reading the table.
create index oauth_grant_expires on oauth_grant (expires_at);
