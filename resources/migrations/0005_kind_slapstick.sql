CREATE TABLE `call_history` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`integration_id` text NOT NULL,
	`definition_version` text NOT NULL,
	`method_id` text NOT NULL,
	`transport` text NOT NULL,
	`mock` integer NOT NULL,
	`status` text NOT NULL,
	`error_code` text,
	`error_message` text,
	`http_status` integer,
	`started_at` text NOT NULL,
	`duration_ms` integer NOT NULL,
	`attempts` integer NOT NULL,
	`request_bytes` integer NOT NULL,
	`response_bytes` integer NOT NULL,
	`input` text,
	`request` text,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `call_history_call_id_unique` ON `call_history` (`call_id`);--> statement-breakpoint
CREATE INDEX `call_history_connection_idx` ON `call_history` (`connection_id`,`seq`);--> statement-breakpoint
ALTER TABLE `connections` ADD `health_state` text DEFAULT 'untested' NOT NULL;