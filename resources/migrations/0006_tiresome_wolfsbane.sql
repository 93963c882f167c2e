CREATE TABLE `webhook_endpoints` (
	`connection_id` text PRIMARY KEY NOT NULL,
	`port` integer,
	`target_url` text,
	`accept_types` text,
	`ignore_types` text NOT NULL,
	`max_attempts` integer NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connection_id` text NOT NULL,
	`received_at` text NOT NULL,
	`provider_event_id` text,
	`event_type` text,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`headers` text NOT NULL,
	`body` blob NOT NULL,
	`verdict` text NOT NULL,
	`verdict_reason` text,
	`verdict_message` text,
	`decision` text NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_events_provider_id_idx` ON `webhook_events` (`connection_id`,`provider_event_id`);--> statement-breakpoint
CREATE INDEX `webhook_events_connection_idx` ON `webhook_events` (`connection_id`,`id`);--> statement-breakpoint
CREATE TABLE `webhook_outbox` (
	`event_id` integer PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_until` integer,
	`last_status` integer,
	`last_error` text,
	`delivered_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `webhook_events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_outbox_due_idx` ON `webhook_outbox` (`state`,`next_attempt_at`);