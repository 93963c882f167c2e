CREATE TABLE `oauth_apps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`integration_id` text NOT NULL,
	`connection_id` text,
	`client_id` text NOT NULL,
	`client_secret_sealed` blob,
	`client_secret_hint` text,
	`redirect_uri` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `oauth_apps_integration_default_idx` ON `oauth_apps` (`integration_id`) WHERE "oauth_apps"."connection_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `oauth_apps_connection_idx` ON `oauth_apps` (`connection_id`);--> statement-breakpoint
CREATE TABLE `oauth_tokens` (
	`connection_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`sealed` blob NOT NULL,
	`grant_type` text NOT NULL,
	`token_type` text NOT NULL,
	`requested_scopes` text NOT NULL,
	`granted_scopes` text NOT NULL,
	`expires_at` text,
	`obtained_at` text NOT NULL,
	`has_refresh_token` integer NOT NULL,
	`account` text,
	`signed_in_at` text NOT NULL,
	`sign_in_needed_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE cascade
);
