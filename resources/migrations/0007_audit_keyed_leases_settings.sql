CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL,
	`acquired_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `audit_events` ADD `host` text DEFAULT 'app' NOT NULL;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `keyed` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `format` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `client_id` text;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `connection_id` text;--> statement-breakpoint
CREATE INDEX `audit_events_client_idx` ON `audit_events` (`client_id`);--> statement-breakpoint
CREATE INDEX `audit_events_connection_idx` ON `audit_events` (`connection_id`);