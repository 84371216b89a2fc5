// Display formatting of instants in a given zone. Everything user-facing shows times
// in the viewer's zone (and, where two people meet, in both).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat("en-GB", { timeZone: zone, ...options });
    formatters.set(key, cached);
  }
  return cached;
}

/** "Tue 3 Mar, 14:00" */
export function formatDateTime(at: Date | number, zone: string): string {
  return formatter(zone, {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
}

/** "3 Nov" */
export function formatDay(at: Date | number, zone: string): string {
  return formatter(zone, { day: "numeric", month: "short" }).format(at);
}

/** "14:00" */
export function formatTime(at: Date | number, zone: string): string {
  return formatter(zone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
}

/** "Tue 3 Mar, 14:00–16:00" (the end's date is shown only when it differs). */
export function formatRange(start: Date | number, end: Date | number, zone: string): string {
  const sameDay =
    formatter(zone, { dateStyle: "short" }).format(start) ===
    formatter(zone, { dateStyle: "short" }).format(end);
  return sameDay
    ? `${formatDateTime(start, zone)}–${formatTime(end, zone)}`
    : `${formatDateTime(start, zone)} – ${formatDateTime(end, zone)}`;
}

/** "in 3 days", "in 2 h 5 min", "in 4 min", "now", "2 days ago" */
export function formatRelative(target: Date | number, now: Date | number): string {
  const diffMs = Number(target) - Number(now);
  const past = diffMs < 0;
  const minutes = Math.round(Math.abs(diffMs) / 60_000);
  let text: string;
  if (minutes < 1) return "now";
  if (minutes < 60) text = `${minutes} min`;
  else if (minutes < 48 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    text = m ? `${h} h ${m} min` : `${h} h`;
  } else text = `${Math.round(minutes / (24 * 60))} days`;
  return past ? `${text} ago` : `in ${text}`;
}

/** "HH:MM" from minutes after midnight (1440 → "24:00"). */
export function minutesToClock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** Minutes after midnight from "HH:MM" ("24:00" allowed), or null. */
export function clockToMinutes(clock: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(clock.trim());
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (m > 59 || h > 24 || (h === 24 && m !== 0)) return null;
  return h * 60 + m;
}

/** Like clockToMinutes, for the end of a range: "00:00" and "24:00" mean midnight at the end of the day. */
export function endClockToMinutes(clock: string): number | null {
  const minutes = clockToMinutes(clock);
  return minutes === 0 ? 1440 : minutes;
}

/** "HH:MM" for an end of range, midnight shown as "00:00" (what time inputs take). */
export function endMinutesToClock(minutes: number): string {
  return minutes >= 1440 ? "00:00" : minutesToClock(minutes);
}

// An ISO 8601 instant with an explicit offset, as the app's own forms write it
// (`Date.prototype.toISOString`). Looser inputs ("tomorrow", year 275760) are refused.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An instant from untrusted text, or null. */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== "string" || !ISO_INSTANT.test(value)) return null;
  if (!isCalendarDate(value.slice(0, 10))) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

/**
 * True for a real "YYYY-MM-DD" date from year 1 on. JavaScript rolls 2025-02-30 over to
 * 2 March and PostgreSQL has no year 0, so both are checked here, not left to them.
 */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
