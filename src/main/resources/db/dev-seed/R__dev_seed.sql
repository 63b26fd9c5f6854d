-- Demo data for `./mvnw quarkus:dev` only: this folder is listed only in the dev profile's
-- perks.migration.locations and is left out of the packaged jar, so it never reaches production.
-- Idempotent: it re-runs whenever this file changes and only adds what is missing.
--
-- Dev passwords (bcrypt over SHA-256, cost 10, as PasswordHasher computes them):
--   admin@perks.dev                                   admin-dev-pass
--   alice@perks.dev, bob@perks.dev, carol@perks.dev   employee-dev-pass

INSERT INTO users (email, email_normal, password_hash, display_name, role) VALUES
    ('admin@perks.dev', 'admin@perks.dev', '$2a$10$ty043G40ZTn.Ru/CXKnag.SF.CQSTS9dJmL4aoQwjX9q.xJ2SczCS', 'Dev Admin', 'admin'),
    ('alice@perks.dev', 'alice@perks.dev', '$2a$10$CBADsh0Fc6ntPsqVsOadpO7jXeMKAao8kMftFA6E.NnhP9AYqZxXm', 'Alice Employee', 'employee'),
    ('bob@perks.dev', 'bob@perks.dev',   '$2a$10$CBADsh0Fc6ntPsqVsOadpO7jXeMKAao8kMftFA6E.NnhP9AYqZxXm', 'Bob Employee', 'employee'),
    ('carol@perks.dev', 'carol@perks.dev', '$2a$10$CBADsh0Fc6ntPsqVsOadpO7jXeMKAao8kMftFA6E.NnhP9AYqZxXm', 'Carol Employee', 'employee')
ON CONFLICT (email_normal) DO NOTHING;

INSERT INTO perks (title, description, stock)
SELECT seed.title, seed.description, seed.stock
FROM (VALUES
    ('Gym membership (1 month)', 'A month at the partner gym around the corner.', 20),
    ('Cinema tickets for two', 'Valid any day at the city cinema.', 50),
    ('Team lunch voucher', 'Lunch for your team, up to six people.', 10),
    ('Conference ticket', 'One ticket to a tech conference of your choice.', 3),
    ('Noise-cancelling headphones', 'For the open-plan office.', 5),
    ('Extra day off', 'One additional day of paid leave this year.', 25),
    ('Language course', 'Ten online lessons in the language of your choice.', 8),
    ('Bike repair', 'A full service at the bike shop downstairs.', 15),
    ('Coffee subscription', 'A bag of speciality coffee every month for a quarter.', 30),
    ('Massage session', 'Thirty minutes, on site, on Thursdays.', 12),
    ('Book budget', 'Fifty euros of technical books.', 40),
    ('Sold-out example', 'Shows how a perk with no stock left looks.', 0)
) AS seed (title, description, stock)
WHERE NOT EXISTS (SELECT 1 FROM perks p WHERE p.title = seed.title);
