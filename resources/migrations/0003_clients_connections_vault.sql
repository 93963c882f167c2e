CREATE TABLE `client_keys` (
	`client_id` text PRIMARY KEY NOT NULL,
	`sealed` blob NOT NULL,
	`key_version` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `clients` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`colour` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `connection_secrets` (
	`connection_id` text NOT NULL,
	`field` text NOT NULL,
	`version` integer NOT NULL,
	`sealed` blob NOT NULL,
	`hint` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`connection_id`, `field`),
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `connections` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`integration_id` text NOT NULL,
	`definition_version` text NOT NULL,
	`environment` text NOT NULL,
	`config` text NOT NULL,
	`secret_ref` text NOT NULL,
	`status` text NOT NULL,
	`last_health_check` text,
	`last_health_check_status` text,
	`last_error_message` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`created_by` text NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `connections_client_idx` ON `connections` (`client_id`);--> statement-breakpoint
CREATE TABLE `vault_key_slots` (
	`kind` text PRIMARY KEY NOT NULL,
	`sealed` blob NOT NULL,
	`kdf` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
