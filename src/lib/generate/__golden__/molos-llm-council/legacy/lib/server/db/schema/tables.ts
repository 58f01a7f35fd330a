import {
  index,
  integer,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { textEnum } from "$lib/server/db/utils";
import {
  Provider,
  SessionStatus,
} from "$lib/models/external_modules/MoLOS-LLM-Council";

/**
 * LLM Council module database schema (MoLOS-LLM-Council).
 * Table names are prefixed with the module id; timestamps are unix seconds.
 */

/** A model that sits on the council. */
export const llmCouncilMembers = sqliteTable("MoLOS-LLM-Council_members", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  userId: text("user_id").notNull(),
  name: text("name").notNull(),
  provider: textEnum("provider", Provider).notNull().default(Provider.OPENAI),
  /** The provider's model name. */
  model: text("model").notNull(),
  systemPrompt: text("system_prompt"),
  temperature: real("temperature").notNull().default(0.7),
  isChair: integer("is_chair", { mode: "boolean" }).notNull().default(false),
  isActive: integer("is_active", { mode: "boolean" }).notNull().default(true),
  createdAt: integer("created_at")
    .notNull()
    .default(sql`(strftime('%s','now'))`),
  updatedAt: integer("updated_at")
    .notNull()
    .default(sql`(strftime('%s','now'))`),
});

/** One question put to the council. */
export const llmCouncilSessions = sqliteTable(
  "MoLOS-LLM-Council_sessions",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id").notNull(),
    title: text("title").notNull(),
    question: text("question").notNull(),
    status: textEnum("status", SessionStatus)
      .notNull()
      .default(SessionStatus.OPEN),
    rounds: integer("rounds").notNull().default(1),
    /** Unix seconds. */
    decidedAt: integer("decided_at"),
    createdAt: integer("created_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
    updatedAt: integer("updated_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
  },
  (t) => [
    index("MoLOS-LLM-Council_sessions_user_id_status_idx").on(
      t.userId,
      t.status,
    ),
  ],
);

/** What a member answered in a round. */
export const llmCouncilAnswers = sqliteTable(
  "MoLOS-LLM-Council_answers",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id").notNull(),
    round: integer("round").notNull().default(1),
    content: text("content").notNull(),
    tokens: integer("tokens"),
    latencyMs: integer("latency_ms"),
    sessionId: text("session_id")
      .notNull()
      .references(() => llmCouncilSessions.id, { onDelete: "cascade" }),
    memberId: text("member_id").references(() => llmCouncilMembers.id, {
      onDelete: "set null",
    }),
    createdAt: integer("created_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
    updatedAt: integer("updated_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
  },
  (t) => [
    index("MoLOS-LLM-Council_answers_session_id_round_idx").on(
      t.sessionId,
      t.round,
    ),
  ],
);

/** A member's review of another member's answer. */
export const llmCouncilReviews = sqliteTable(
  "MoLOS-LLM-Council_reviews",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id").notNull(),
    score: integer("score").notNull(),
    critique: text("critique"),
    answerId: text("answer_id")
      .notNull()
      .references(() => llmCouncilAnswers.id, { onDelete: "cascade" }),
    reviewerId: text("reviewer_id").references(() => llmCouncilMembers.id, {
      onDelete: "set null",
    }),
    createdAt: integer("created_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
    updatedAt: integer("updated_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
  },
  (t) => [
    uniqueIndex("MoLOS-LLM-Council_reviews_answer_id_reviewer_id_uq").on(
      t.answerId,
      t.reviewerId,
    ),
  ],
);

/** The chair's summary; one per session. */
export const llmCouncilVerdicts = sqliteTable("MoLOS-LLM-Council_verdicts", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  userId: text("user_id").notNull(),
  summary: text("summary").notNull(),
  confidence: real("confidence"),
  /** Member id → the answer it voted for. */
  votes: text("votes", { mode: "json" }).notNull().default({}),
  sessionId: text("session_id")
    .notNull()
    .unique()
    .references(() => llmCouncilSessions.id, { onDelete: "cascade" }),
  /** Logical relation to MoLOS-LLM-Council_members.id (no foreign key). */
  chairId: text("chair_id"),
  createdAt: integer("created_at")
    .notNull()
    .default(sql`(strftime('%s','now'))`),
  updatedAt: integer("updated_at")
    .notNull()
    .default(sql`(strftime('%s','now'))`),
});

/**
 * The enums, re-exported for the module's repositories.
 */
export { Provider, SessionStatus };
