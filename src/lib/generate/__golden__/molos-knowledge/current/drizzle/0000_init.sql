CREATE TABLE `MoLOS-Knowledge_collections` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`description` text,
	`is_archived` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	`updated_at` integer DEFAULT (strftime('%s','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `MoLOS-Knowledge_collections_slug_unique` ON `MoLOS-Knowledge_collections` (`slug`);--> statement-breakpoint
CREATE TABLE `MoLOS-Knowledge_document_chunks` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`position` integer NOT NULL,
	`content` text NOT NULL,
	`token_count` integer,
	`embedding` text,
	`document_id` text NOT NULL,
	`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	`updated_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `MoLOS-Knowledge_documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `MoLOS-Knowledge_document_chunks_document_id_position_uq` ON `MoLOS-Knowledge_document_chunks` (`document_id`,`position`);--> statement-breakpoint
CREATE TABLE `MoLOS-Knowledge_document_links` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`from_document_id` text NOT NULL,
	`to_document_id` text NOT NULL,
	`label` text,
	`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	`updated_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	FOREIGN KEY (`from_document_id`) REFERENCES `MoLOS-Knowledge_documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`to_document_id`) REFERENCES `MoLOS-Knowledge_documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `MoLOS-Knowledge_document_links_from_document_id_idx` ON `MoLOS-Knowledge_document_links` (`from_document_id`);--> statement-breakpoint
CREATE INDEX `MoLOS-Knowledge_document_links_to_document_id_idx` ON `MoLOS-Knowledge_document_links` (`to_document_id`);--> statement-breakpoint
CREATE TABLE `MoLOS-Knowledge_document_revisions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`revision` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`document_id` text NOT NULL,
	`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	`updated_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `MoLOS-Knowledge_documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `MoLOS-Knowledge_document_revisions_document_id_revision_uq` ON `MoLOS-Knowledge_document_revisions` (`document_id`,`revision`);--> statement-breakpoint
CREATE TABLE `MoLOS-Knowledge_document_tags` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`document_id` text NOT NULL,
	`tag_id` text NOT NULL,
	`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	`updated_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `MoLOS-Knowledge_documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `MoLOS-Knowledge_tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `MoLOS-Knowledge_document_tags_document_id_tag_id_uq` ON `MoLOS-Knowledge_document_tags` (`document_id`,`tag_id`);--> statement-breakpoint
CREATE TABLE `MoLOS-Knowledge_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`status` text CHECK(status IN ('draft', 'published', 'archived')) DEFAULT 'draft' NOT NULL,
	`source_url` text,
	`word_count` integer DEFAULT 0 NOT NULL,
	`is_pinned` integer DEFAULT false NOT NULL,
	`collection_id` text NOT NULL,
	`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	`updated_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	FOREIGN KEY (`collection_id`) REFERENCES `MoLOS-Knowledge_collections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `MoLOS-Knowledge_documents_user_id_collection_id_idx` ON `MoLOS-Knowledge_documents` (`user_id`,`collection_id`);--> statement-breakpoint
CREATE INDEX `MoLOS-Knowledge_documents_user_id_status_idx` ON `MoLOS-Knowledge_documents` (`user_id`,`status`);--> statement-breakpoint
CREATE TABLE `MoLOS-Knowledge_tags` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`color` text DEFAULT '#888888',
	`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL,
	`updated_at` integer DEFAULT (strftime('%s','now')) NOT NULL
);
