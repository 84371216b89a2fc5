// How much one client may hold on this realtime instance. Counted by what is open (a
// slot is taken when a document connection is accepted and given back when it really
// closes), never by what a client says it closes.

/**
 * Documents one socket may hold, pending or open. Our provider opens one; the rest is
 * headroom (another tab's pad on a shared socket, a reconnect overlapping the old one).
 */
export const MAX_DOCUMENTS_PER_SOCKET = 4;

/**
 * Open connections of one person to one session's pad: tabs, devices, and reconnects
 * while the dead sockets they leave behind have not timed out yet (Hocuspocus notices a
 * silent socket after 60 s; a flaky network can reconnect several times in that while).
 * Per instance: with Redis fan-out each instance counts its own.
 */
export const MAX_CONNECTIONS_PER_PARTICIPANT = 8;

/** A relayed room notice per connection at most this often; faster ones are dropped. */
export const ROOM_NOTICE_INTERVAL_MS = 1000;

/** Lines per minute the server writes about hostile frames; the rest are counted. */
export const HOSTILE_LOG_LINES_PER_MINUTE = 10;

/** A held place in a `SlotCounter`; giving it back twice is harmless. */
export interface Slot {
  readonly key: string;
  released: boolean;
}

/** Open connections per key (user and session), each at most `limit`. */
export class SlotCounter {
  private readonly open = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** A slot, or null when `key` already holds `limit` of them. */
  take(key: string): Slot | null {
    const count = this.open.get(key) ?? 0;
    if (count >= this.limit) return null;
    this.open.set(key, count + 1);
    return { key, released: false };
  }

  release(slot: Slot): void {
    if (slot.released) return;
    slot.released = true;
    const count = (this.open.get(slot.key) ?? 1) - 1;
    if (count > 0) this.open.set(slot.key, count);
    else this.open.delete(slot.key);
  }

  count(key: string): number {
    return this.open.get(key) ?? 0;
  }
}

/**
 * A log that writes at most `perMinute` lines a minute and then one line saying how many
 * it left out, so a flood of bad sockets cannot fill the disk or drown real errors.
 */
export function rateLimitedLog(
  write: (line: string) => void,
  perMinute: number,
  now: () => number = Date.now,
): (line: string) => void {
  let windowStart = -Infinity;
  let written = 0;
  let dropped = 0;
  return (line) => {
    const at = now();
    if (at - windowStart >= 60_000) {
      if (dropped > 0) write(`realtime: ${dropped} similar lines left out in the last minute`);
      windowStart = at;
      written = 0;
      dropped = 0;
    }
    if (written < perMinute) {
      written += 1;
      write(line);
    } else {
      dropped += 1;
    }
  };
}
