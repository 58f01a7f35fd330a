/**
 * Enums of the MoLOS-Knowledge module: const objects with same-named types, used by the schema
 * through textEnum and by the module's code.
 */

/** Where a document stands. */
export const DocumentStatus = {
  DRAFT: "draft",
  PUBLISHED: "published",
  ARCHIVED: "archived",
} as const;

export type DocumentStatus =
  (typeof DocumentStatus)[keyof typeof DocumentStatus];
