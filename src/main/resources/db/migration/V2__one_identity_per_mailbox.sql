-- One identity per mailbox. Identity was lower(email) under the database's collation, which folds
-- letters (U+0130, fullwidth, ...) differently from the service. From now on the service computes
-- the mailbox key in Java (dev.perks.api.Mailbox: NFKC, then A-Z lower-cased; only ASCII results are
-- accepted) and stores it in email_normal; uniqueness and lookup use that column alone.
--
-- Existing rows get the same key computed here: normalize(email, NFKC), then translate() on A-Z
-- only, which no locale or collation changes. For every address the API ever accepted (ASCII) this
-- is exactly the Java key. Rows that fold to the same key are two accounts claiming one mailbox:
-- the migration stops and names them instead of merging or dropping either.

ALTER TABLE users ADD COLUMN email_normal TEXT;

DO $$
DECLARE
    collisions TEXT;
    unusable TEXT;
BEGIN
    IF current_setting('server_encoding') = 'UTF8' THEN
        UPDATE users SET email_normal = translate(normalize(email, NFKC),
            'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');
    ELSE
        -- normalize() needs a UTF-8 database; elsewhere only ASCII could be stored in the first place.
        UPDATE users SET email_normal = translate(email,
            'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');
    END IF;

    SELECT string_agg(format('%s is claimed by users %s', email_normal, ids), '; ' ORDER BY email_normal)
      INTO collisions
      FROM (SELECT email_normal,
                   string_agg(format('%s (%s)', id, email), ', ' ORDER BY id) AS ids
              FROM users GROUP BY email_normal HAVING count(*) > 1) AS shared;
    IF collisions IS NOT NULL THEN
        RAISE EXCEPTION 'V2 one identity per mailbox: existing accounts share a mailbox once case and Unicode compatibility forms are folded: %. Nothing was changed; rename or merge those accounts, then start the service again.', collisions;
    END IF;

    -- Not refused (the account keeps its data), but no sign-in can name it: the API accepts only
    -- addresses that are ASCII after NFKC. An operator renames them.
    SELECT string_agg(format('%s (%s)', id, email), ', ' ORDER BY id) INTO unusable
      FROM users WHERE email_normal !~ '^[\x21-\x7e]+$' OR length(email_normal) > 254;
    IF unusable IS NOT NULL THEN
        RAISE WARNING 'V2 one identity per mailbox: these accounts have an email the service does not accept and cannot sign in until it is changed: %', unusable;
    END IF;
END $$;

ALTER TABLE users ALTER COLUMN email_normal SET NOT NULL;
DROP INDEX users_email_ci_uk;
CREATE UNIQUE INDEX users_email_normal_uk ON users (email_normal);
