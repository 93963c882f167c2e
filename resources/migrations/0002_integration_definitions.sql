CREATE TABLE `bundled_files` (
	`file` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`mtime_ms` integer NOT NULL,
	`content_hash` text NOT NULL,
	`integration_id` text,
	`issues` text
);
--> statement-breakpoint
CREATE TABLE `definition_versions` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`integration_id` text NOT NULL,
	`version` text NOT NULL,
	`document` text NOT NULL,
	`content_hash` text NOT NULL,
	`source` text NOT NULL,
	`source_name` text NOT NULL,
	`stored_at` text NOT NULL,
	FOREIGN KEY (`integration_id`) REFERENCES `integration_definitions`(`integration_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `definition_versions_integration_version_idx` ON `definition_versions` (`integration_id`,`version`);--> statement-breakpoint
CREATE TABLE `integration_definitions` (
	`id` text PRIMARY KEY NOT NULL,
	`integration_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`version` text NOT NULL,
	`methods` text NOT NULL,
	`config_schema` text NOT NULL,
	`auth_type` text NOT NULL,
	`oauth2_config` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`category` text NOT NULL,
	`docs_url` text NOT NULL,
	`setup_guide_url` text,
	`icon` text,
	`secret_schema` text NOT NULL,
	`api_key_config` text,
	`custom_auth` text,
	`api` text NOT NULL,
	`health_check` text,
	`provides_capabilities` text,
	`requirements` text,
	`webhooks` text,
	`summary` text NOT NULL,
	`content_hash` text NOT NULL,
	`source` text NOT NULL,
	`source_name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `integration_definitions_integration_id_idx` ON `integration_definitions` (`integration_id`);