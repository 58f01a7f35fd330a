CREATE TABLE `MoLOS-LLM-Council_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`round` integer DEFAULT 1 NOT NULL,
	`content` text NOT NULL,
	`tokens` integer,
	`latency_ms` integer,
	`session_id` text NOT NULL,
	`member_id` text,
	`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	`updated_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `MoLOS-LLM-Council_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `MoLOS-LLM-Council_members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `MoLOS-LLM-Council_answers_session_id_round_idx` ON `MoLOS-LLM-Council_answers` (`session_id`,`round`);--> statement-breakpoint
CREATE TABLE `MoLOS-LLM-Council_members` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`provider` text CHECK(provider IN ('openai', 'anthropic', 'google', 'ollama', 'other')) DEFAULT 'openai' NOT NULL,
	`model` text NOT NULL,
	`system_prompt` text,
	`temperature` real DEFAULT 0.7 NOT NULL,
	`is_chair` integer DEFAULT false NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	`updated_at` integer DEFAULT (strftime('%s','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `MoLOS-LLM-Council_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`score` integer NOT NULL,
	`critique` text,
	`answer_id` text NOT NULL,
	`reviewer_id` text,
	`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	`updated_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	FOREIGN KEY (`answer_id`) REFERENCES `MoLOS-LLM-Council_answers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `MoLOS-LLM-Council_members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `MoLOS-LLM-Council_reviews_answer_id_reviewer_id_uq` ON `MoLOS-LLM-Council_reviews` (`answer_id`,`reviewer_id`);--> statement-breakpoint
CREATE TABLE `MoLOS-LLM-Council_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`title` text NOT NULL,
	`question` text NOT NULL,
	`status` text CHECK(status IN ('open', 'deliberating', 'decided', 'cancelled')) DEFAULT 'open' NOT NULL,
	`rounds` integer DEFAULT 1 NOT NULL,
	`decided_at` integer,
	`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	`updated_at` integer DEFAULT (strftime('%s','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `MoLOS-LLM-Council_sessions_user_id_status_idx` ON `MoLOS-LLM-Council_sessions` (`user_id`,`status`);--> statement-breakpoint
CREATE TABLE `MoLOS-LLM-Council_verdicts` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`summary` text NOT NULL,
	`confidence` real,
	`votes` text DEFAULT '{}' NOT NULL,
	`session_id` text NOT NULL,
	`chair_id` text,
	`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	`updated_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `MoLOS-LLM-Council_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `MoLOS-LLM-Council_verdicts_session_id_unique` ON `MoLOS-LLM-Council_verdicts` (`session_id`);