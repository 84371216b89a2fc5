// A proposed day as the page lists it: its rounds in time order with the breaks between
// them as rows of their own, so the shape of the day reads at a glance.

export type ScheduleRow<R> =
  | { kind: "round"; round: R }
  | { kind: "break"; start: string; minutes: number };

export function daySchedule<R extends { start: string; end: string }>(
  rounds: readonly R[],
): ScheduleRow<R>[] {
  const sorted = [...rounds].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const rows: ScheduleRow<R>[] = [];
  sorted.forEach((round, i) => {
    const before = sorted[i - 1];
    const gap = before ? (Date.parse(round.start) - Date.parse(before.end)) / 60_000 : 0;
    if (gap > 0) rows.push({ kind: "break", start: before!.end, minutes: Math.round(gap) });
    rows.push({ kind: "round", round });
  });
  return rows;
}
