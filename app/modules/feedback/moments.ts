// A moment of a session, as people write it ("23:14", "1:02:03") and as it is stored
// (ms from the session's start). Pure: the scorecard's schema, the feedback detail's
// links and the replay page's ?t= all read and write moments through here.

/** Longer than this is not a time anyone types: refused before any parsing. */
const MOMENT_TEXT_MAX = 12;

export const MOMENT_FORMAT_HINT = "Write a moment as mm:ss or h:mm:ss from the start, e.g. 23:14.";

export type MomentResult = { ok: true; ms: number } | { ok: false; message: string };

/**
 * "mm:ss" or "h:mm:ss" (minutes may exceed 59 in "mm:ss": "75:10" is fine) to ms from
 * the start, checked against the session's length when one is given.
 */
export function parseMoment(text: string, sessionLengthMs?: number): MomentResult {
  const value = text.trim();
  if (value.length > MOMENT_TEXT_MAX || !/^\d{1,3}(:\d{2}){1,2}$/.test(value)) {
    return { ok: false, message: MOMENT_FORMAT_HINT };
  }
  const parts = value.split(":").map(Number);
  const [h, m, s] = parts.length === 3 ? parts : [0, ...parts];
  if ((parts.length === 3 && m! > 59) || s! > 59) {
    return { ok: false, message: "Minutes and seconds go from 00 to 59." };
  }
  const ms = ((h! * 60 + m!) * 60 + s!) * 1000;
  if (sessionLengthMs !== undefined && ms > sessionLengthMs) {
    return {
      ok: false,
      message: `The session lasted ${formatMoment(sessionLengthMs)}: pick a moment within it.`,
    };
  }
  return { ok: true, ms };
}

/** ms from the start as "m:ss" (under an hour) or "h:mm:ss". */
export function formatMoment(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/**
 * The replay's `?t=` (seconds from the start, as the feedback links write it, or a
 * typed moment): ms, or null when absent or unreadable (the page then opens at the end).
 */
export function momentFromQuery(value: string | null, sessionLengthMs: number): number | null {
  if (!value || value.length > MOMENT_TEXT_MAX) return null;
  if (/^\d{1,6}$/.test(value)) {
    const ms = Number(value) * 1000;
    return ms <= sessionLengthMs ? ms : null;
  }
  const parsed = parseMoment(value, sessionLengthMs);
  return parsed.ok ? parsed.ms : null;
}

/** The replay link of a moment. */
export function replayHref(sessionId: string, momentMs: number): string {
  return `/sessions/${sessionId}/replay?t=${Math.floor(momentMs / 1000)}`;
}
