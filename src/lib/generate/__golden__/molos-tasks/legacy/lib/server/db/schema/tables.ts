import {
  type AnySQLiteColumn,
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
  TaskPriority,
  TaskStatus,
} from "$lib/models/external_modules/MoLOS-Tasks";

/**
 * Tasks module database schema (MoLOS-Tasks).
 * Table names are prefixed with the module id; timestamps are unix seconds.
 */

/** Projects group tasks. */
export const tasksProjects = sqliteTable("MoLOS-Tasks_projects", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  userId: text("user_id").notNull(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
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

export const tasksTasks = sqliteTable(
  "MoLOS-Tasks_tasks",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id").notNull(),
    title: text("title").notNull(),
    /** Markdown text. */
    notes: text("notes"),
    status: textEnum("status", TaskStatus).notNull().default(TaskStatus.TO_DO),
    priority: textEnum("priority", TaskPriority)
      .notNull()
      .default(TaskPriority.MEDIUM),
    /** Unix seconds. */
    dueDate: integer("due_date"),
    position: real("position").notNull().default(0),
    labels: text("labels", { mode: "json" }).notNull().default([]),
    projectId: text("project_id")
      .notNull()
      .references(() => tasksProjects.id, { onDelete: "cascade" }),
    parentId: text("parent_id").references(
      (): AnySQLiteColumn => tasksTasks.id,
      { onDelete: "set null" },
    ),
    createdAt: integer("created_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
    updatedAt: integer("updated_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
  },
  (t) => [index("MoLOS-Tasks_tasks_user_id_status_idx").on(t.userId, t.status)],
);

export const tasksTags = sqliteTable("MoLOS-Tasks_tags", {
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

/** Which tags a task carries. */
export const tasksTaskTags = sqliteTable(
  "MoLOS-Tasks_task_tags",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id").notNull(),
    taskId: text("task_id")
      .notNull()
      .references(() => tasksTasks.id, { onDelete: "cascade" }),
    tagId: text("tag_id")
      .notNull()
      .references(() => tasksTags.id, { onDelete: "cascade" }),
    createdAt: integer("created_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
    updatedAt: integer("updated_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
  },
  (t) => [
    uniqueIndex("MoLOS-Tasks_task_tags_task_id_tag_id_uq").on(
      t.taskId,
      t.tagId,
    ),
  ],
);

/** One entry per day; task_id is kept as a logical relation. */
export const tasksDailyLog = sqliteTable(
  "MoLOS-Tasks_daily_log",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id").notNull(),
    /** ISO date, e.g. 2026-01-31. */
    day: text("day").notNull(),
    mood: integer("mood"),
    /** Logical relation to MoLOS-Tasks_tasks.id (no foreign key). */
    taskId: text("task_id"),
    createdAt: integer("created_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
    updatedAt: integer("updated_at")
      .notNull()
      .default(sql`(strftime('%s','now'))`),
  },
  (t) => [index("MoLOS-Tasks_daily_log_user_id_day_idx").on(t.userId, t.day)],
);

/**
 * The enums, re-exported for the module's repositories.
 */
export { TaskPriority, TaskStatus };
