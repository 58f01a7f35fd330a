/**
 * Enums of the MoLOS-Example module: const objects with same-named types, used by the schema
 * through textEnum and by the module's code.
 */

export const ItemStatus = {
  PENDING: "pending",
  IN_PROGRESS: "in_progress",
  DONE: "done",
} as const;

export type ItemStatus = (typeof ItemStatus)[keyof typeof ItemStatus];
