// Calendar dates ("YYYY-MM-DD", already the viewer's own days) for display. They are
// formatted in UTC because they are dates, not instants: no zone may shift them.

const dayFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  weekday: "short",
  day: "numeric",
  month: "short",
});
const shortFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  day: "numeric",
  month: "short",
});

function utcOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y!, m! - 1, d!);
}

/** "Mon 7 Dec" */
export function formatLocalDate(date: string): string {
  return dayFormat.format(utcOf(date));
}

/** "7 Dec" */
export function formatShortDate(date: string): string {
  return shortFormat.format(utcOf(date));
}
