/**
 * Enums of the MoLOS-LLM-Council module: const objects with same-named types, used by the schema
 * through textEnum and by the module's code.
 */

export const Provider = {
  OPENAI: "openai",
  ANTHROPIC: "anthropic",
  GOOGLE: "google",
  OLLAMA: "ollama",
  OTHER: "other",
} as const;

export type Provider = (typeof Provider)[keyof typeof Provider];

/** Where a council session stands. */
export const SessionStatus = {
  OPEN: "open",
  DELIBERATING: "deliberating",
  DECIDED: "decided",
  CANCELLED: "cancelled",
} as const;

export type SessionStatus = (typeof SessionStatus)[keyof typeof SessionStatus];
