import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { textEnum } from "$lib/server/db/utils";
import { ItemStatus } from "$lib/models/external_modules/MoLOS-Example";

/**
 * Example module database schema (MoLOS-Example).
 * Table names are prefixed with the module id; timestamps are unix seconds.
 */

export const exampleItems = sqliteTable("MoLOS-Example_items", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  userId: text("user_id").notNull(),
  title: text("title").notNull(),
  description: text("description"),
  status: textEnum("status", ItemStatus).notNull().default(ItemStatus.PENDING),
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
export { ItemStatus };
