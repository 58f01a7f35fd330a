/**
 * Enums of the MoLOS-Tasks module: const objects with same-named types, used by the schema
 * through textEnum and by the module's code.
 */

/** Where a task stands. */
export const TaskStatus = {
  TO_DO: "to_do",
  IN_PROGRESS: "in_progress",
  DONE: "done",
} as const;

export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

export const TaskPriority = {
  LOW: "low",
  MEDIUM: "medium",
  HIGH: "high",
} as const;

export type TaskPriority = (typeof TaskPriority)[keyof typeof TaskPriority];
