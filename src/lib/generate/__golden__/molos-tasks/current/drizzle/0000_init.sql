CREATE TABLE `MoLOS-Tasks_daily_log` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`day` text NOT NULL,
	`mood` integer,
	`task_id` text,
	`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	`updated_at` integer DEFAULT (strftime('%s','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `MoLOS-Tasks_daily_log_user_id_day_idx` ON `MoLOS-Tasks_daily_log` (`user_id`,`day`);--> statement-breakpoint
CREATE TABLE `MoLOS-Tasks_projects` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`is_archived` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	`updated_at` integer DEFAULT (strftime('%s','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `MoLOS-Tasks_projects_slug_unique` ON `MoLOS-Tasks_projects` (`slug`);--> statement-breakpoint
CREATE TABLE `MoLOS-Tasks_tags` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`color` text DEFAULT '#888888',
	`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	`updated_at` integer DEFAULT (strftime('%s','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `MoLOS-Tasks_task_tags` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`task_id` text NOT NULL,
	`tag_id` text NOT NULL,
	`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	`updated_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `MoLOS-Tasks_tasks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `MoLOS-Tasks_tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `MoLOS-Tasks_task_tags_task_id_tag_id_uq` ON `MoLOS-Tasks_task_tags` (`task_id`,`tag_id`);--> statement-breakpoint
CREATE TABLE `MoLOS-Tasks_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`title` text NOT NULL,
	`notes` text,
	`status` text CHECK(status IN ('to_do', 'in_progress', 'done')) DEFAULT 'to_do' NOT NULL,
	`priority` text CHECK(priority IN ('low', 'medium', 'high')) DEFAULT 'medium' NOT NULL,
	`due_date` integer,
	`position` real DEFAULT 0 NOT NULL,
	`labels` text DEFAULT '[]' NOT NULL,
	`project_id` text NOT NULL,
	`parent_id` text,
	`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	`updated_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `MoLOS-Tasks_projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`parent_id`) REFERENCES `MoLOS-Tasks_tasks`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `MoLOS-Tasks_tasks_user_id_status_idx` ON `MoLOS-Tasks_tasks` (`user_id`,`status`);