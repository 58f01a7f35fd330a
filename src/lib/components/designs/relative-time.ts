/** "just now", "5 min ago", "yesterday", "12 Mar" — when a design was last edited, as a list shows it. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * @example relativeTime(Date.now() - 5 * 60_000, Date.now()) // '5 min ago'
 */
export function relativeTime(then: number, now: number, locale?: string): string {
  if (!then) return 'unknown';
  const diff = now - then;
  if (diff < 45_000) return 'just now';
  if (diff < HOUR) return `${Math.round(diff / MINUTE)} min ago`;
  const a = new Date(then);
  const b = new Date(now);
  const sameDay = a.toDateString() === b.toDateString();
  if (sameDay) return `${Math.round(diff / HOUR)} h ago`;
  const yesterday = new Date(now);
  yesterday.setDate(b.getDate() - 1);
  if (a.toDateString() === yesterday.toDateString()) return 'yesterday';
  const sameYear = a.getFullYear() === b.getFullYear();
  return a.toLocaleDateString(locale, { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) });
}

/** The full date and time, for a tooltip. */
export function fullTime(then: number, locale?: string): string {
  return then ? new Date(then).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) : 'unknown';
}
