CREATE TABLE `health_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connection_id` text NOT NULL,
	`started_at` text NOT NULL,
	`duration_ms` integer NOT NULL,
	`outcome` text NOT NULL,
	`message` text,
	`latency_ms` integer,
	`trigger` text NOT NULL,
	`transition` text,
	`consecutive_failures` integer NOT NULL,
	`checks` text NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `health_checks_connection_idx` ON `health_checks` (`connection_id`,`id`);--> statement-breakpoint
CREATE INDEX `health_checks_transition_idx` ON `health_checks` (`transition`,`id`);