import {
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { textEnum } from "$lib/server/db/utils";
import { DocumentStatus } from "$lib/models/external_modules/MoLOS-Knowledge";

/**
 * Knowledge base module database schema (MoLOS-Knowledge).
 * Table names are prefixed with the module id; timestamps are unix seconds.
 */

/** A shelf of documents, e.g. "Recipes". */
export const knowledgeCollections = sqliteTable("MoLOS-Knowledge_collections", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  userId: text("user_id").notNull(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  description: text("description"),
  isArchived: integer("is_archived", { mode: "boolean" })
    .notNull()
    .default(false),
  createdAt: integer("created_at")
    .notNull()
    .default(sql`(strftime('%s','now'))`),
  updatedAt: integer("updated_at")
    .notNull()
    .default(sql`(strftime('%s','now'))`),
});

export const knowledgeDocuments = sqliteTable(
  "MoLOS-Knowledge_documents",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id").notNull(),
    title: text("title").notNull(),
    /** Markdown text. */
    body: text("body").notNull().default(""),
    status: textEnum("status", DocumentStatus)
      .notNull()
      .default(DocumentStatus.DRAFT),
    sourceUrl: text("source_url"),
    wordCount: integer("word_count").notNull().default(0),
    isPinned: integer("is_pinned", { mode: "boolean" })
      .notNull()
      .default(false),
    collectionId: text("collection_id")
      .notNull()
      .references(() => knowledgeCollections.id, { onDelete: "cascade" }),
    createdAt: integer("created_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
    updatedAt: integer("updated_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
  },
  (t) => [
    index("MoLOS-Knowledge_documents_user_id_collection_id_idx").on(
      t.userId,
      t.collectionId,
    ),
    index("MoLOS-Knowledge_documents_user_id_status_idx").on(
      t.userId,
      t.status,
    ),
  ],
);

/** Earlier versions of a document body. */
export const knowledgeDocumentRevisions = sqliteTable(
  "MoLOS-Knowledge_document_revisions",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id").notNull(),
    revision: integer("revision").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    documentId: text("document_id")
      .notNull()
      .references(() => knowledgeDocuments.id, { onDelete: "cascade" }),
    createdAt: integer("created_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
    updatedAt: integer("updated_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
  },
  (t) => [
    uniqueIndex(
      "MoLOS-Knowledge_document_revisions_document_id_revision_uq",
    ).on(t.documentId, t.revision),
  ],
);

/** Pieces of a document body for search and AI answers. */
export const knowledgeDocumentChunks = sqliteTable(
  "MoLOS-Knowledge_document_chunks",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id").notNull(),
    position: integer("position").notNull(),
    content: text("content").notNull(),
    tokenCount: integer("token_count"),
    /** The embedding vector as a JSON array of numbers. */
    embedding: text("embedding", { mode: "json" }),
    documentId: text("document_id")
      .notNull()
      .references(() => knowledgeDocuments.id, { onDelete: "cascade" }),
    createdAt: integer("created_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
    updatedAt: integer("updated_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
  },
  (t) => [
    uniqueIndex("MoLOS-Knowledge_document_chunks_document_id_position_uq").on(
      t.documentId,
      t.position,
    ),
  ],
);

export const knowledgeTags = sqliteTable("MoLOS-Knowledge_tags", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  userId: text("user_id").notNull(),
  name: text("name").notNull(),
  color: text("color").default("#888888"),
  createdAt: integer("created_at")
    .notNull()
    .default(sql`(strftime('%s','now'))`),
  updatedAt: integer("updated_at")
    .notNull()
    .default(sql`(strftime('%s','now'))`),
});

/** Which tags a document carries. */
export const knowledgeDocumentTags = sqliteTable(
  "MoLOS-Knowledge_document_tags",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id").notNull(),
    documentId: text("document_id")
      .notNull()
      .references(() => knowledgeDocuments.id, { onDelete: "cascade" }),
    tagId: text("tag_id")
      .notNull()
      .references(() => knowledgeTags.id, { onDelete: "cascade" }),
    createdAt: integer("created_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
    updatedAt: integer("updated_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
  },
  (t) => [
    uniqueIndex("MoLOS-Knowledge_document_tags_document_id_tag_id_uq").on(
      t.documentId,
      t.tagId,
    ),
  ],
);

/** A link from one document to another, e.g. [[Other page]]. */
export const knowledgeDocumentLinks = sqliteTable(
  "MoLOS-Knowledge_document_links",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id").notNull(),
    fromDocumentId: text("from_document_id")
      .notNull()
      .references(() => knowledgeDocuments.id, { onDelete: "cascade" }),
    toDocumentId: text("to_document_id")
      .notNull()
      .references(() => knowledgeDocuments.id, { onDelete: "cascade" }),
    label: text("label"),
    createdAt: integer("created_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
    updatedAt: integer("updated_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
  },
  (t) => [
    index("MoLOS-Knowledge_document_links_from_document_id_idx").on(
      t.fromDocumentId,
    ),
    index("MoLOS-Knowledge_document_links_to_document_id_idx").on(
      t.toDocumentId,
    ),
  ],
);

/**
 * The enums, re-exported for the module's repositories.
 */
export { DocumentStatus };
