-- An imported, unverified personal ID number is a claim to be confirmed by a later VNeID
-- link (issue 4). When the person links a verified identity, hpid compares the two and
-- records the result here: CONFIRMED (the same number) or MISMATCHED (another number: the
-- legacy record was wrong, or the account is not who it claimed). NULL: not linked yet.
-- The claim itself is never changed and never becomes a verified identity.
alter table unverified_personal_id add column check_result varchar(12);
alter table unverified_personal_id add column checked_at timestamp with time zone;

-- People who linked before this column existed get their result now.
update unverified_personal_id
   set check_result = case
           when exists (select 1 from verified_identity v
                         where v.realm = unverified_personal_id.realm
                           and v.person_id = unverified_personal_id.person_id
                           and v.personal_id = unverified_personal_id.personal_id) then 'CONFIRMED'
           else 'MISMATCHED' end,
       checked_at = current_timestamp
 where exists (select 1 from verified_identity v
                where v.realm = unverified_personal_id.realm
                  and v.person_id = unverified_personal_id.person_id);
