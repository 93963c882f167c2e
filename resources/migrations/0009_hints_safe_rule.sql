-- Masked hints stored before the safe rule (core/connections/secret-hint.ts) kept the value's own
-- leading words and its last four characters ("hello_world_…2024"). SQL cannot apply the new rule
-- (it needs the secret's length, its field's schema and the vendor prefixes), so every old hint that
-- shows anything becomes the placeholder the rule gives when nothing may be shown; the next rotation
-- (or a new client secret) writes a hint under the new rule. Values stay sealed and untouched.
UPDATE `connection_secrets` SET `hint` = '••••••' WHERE `hint` <> '••••••';
--> statement-breakpoint
UPDATE `oauth_apps` SET `client_secret_hint` = '••••••'
WHERE `client_secret_hint` IS NOT NULL AND `client_secret_hint` <> '••••••';
