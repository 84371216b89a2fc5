import type { RecordedUpdate, ReplaySnapshot } from "./timeline";

// The replay's log as the page downloads it once: snapshots and updates in one compact
// binary (varints, times as offsets from the session's start, authors as indexes into
// a short list), so a 60-minute session is a single request of roughly the size of its
// updates, and the browser seeks without asking the server again. Pure, both sides.

export interface ReplayLog {
  /** The session's start (epoch ms): every time is stored as an offset from it. */
  origin: number;
  snapshots: ReplaySnapshot[];
  updates: RecordedUpdate[];
}

const FORMAT_VERSION = 1;
const MARKS = [null, "opened", "closed"] as const;

class Writer {
  private chunks: Uint8Array[] = [];
  private buffer = new Uint8Array(64 * 1024);
  private length = 0;

  private reserve(n: number) {
    if (this.length + n <= this.buffer.length) return;
    this.chunks.push(this.buffer.subarray(0, this.length));
    this.buffer = new Uint8Array(Math.max(64 * 1024, n));
    this.length = 0;
  }

  uint(value: number) {
    // Varint over plain numbers (not bit operators: offsets can exceed 2^31).
    this.reserve(10);
    let rest = value;
    while (rest >= 0x80) {
      this.buffer[this.length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.buffer[this.length++] = rest;
  }

  /** A signed integer (an update may carry a time a little before the start). */
  int(value: number) {
    this.uint(value < 0 ? -value * 2 - 1 : value * 2);
  }

  bytes(value: Uint8Array) {
    this.uint(value.length);
    this.reserve(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
  }

  string(value: string) {
    this.bytes(new TextEncoder().encode(value));
  }

  finish(): Uint8Array {
    const parts = [...this.chunks, this.buffer.subarray(0, this.length)];
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}

class Reader {
  private at = 0;
  constructor(private readonly data: Uint8Array) {}

  uint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.data.length) throw new Error("replay log: truncated");
      const byte = this.data[this.at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }

  int(): number {
    const raw = this.uint();
    return raw % 2 === 1 ? -(raw + 1) / 2 : raw / 2;
  }

  bytes(): Uint8Array {
    const n = this.uint();
    if (this.at + n > this.data.length) throw new Error("replay log: truncated");
    // A view, not a copy: the log's buffer lives as long as the page.
    const out = this.data.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  string(): string {
    return new TextDecoder().decode(this.bytes());
  }
}

export function encodeReplayLog(log: ReplayLog): Uint8Array {
  const w = new Writer();
  w.uint(FORMAT_VERSION);
  w.uint(log.origin);
  const authors = [...new Set(log.updates.map((u) => u.userId).filter((id) => id !== null))];
  w.uint(authors.length);
  for (const id of authors) w.string(id);
  w.uint(log.snapshots.length);
  for (const s of log.snapshots) {
    w.uint(s.seq);
    w.int(s.at - log.origin);
    w.bytes(s.state);
  }
  w.uint(log.updates.length);
  let previousSeq = 0;
  for (const u of log.updates) {
    // Seqs rise by one almost always: their deltas take a byte.
    w.uint(u.seq - previousSeq);
    previousSeq = u.seq;
    w.int(u.at - log.origin);
    w.uint(u.userId === null ? 0 : authors.indexOf(u.userId) + 1);
    w.uint(MARKS.indexOf(u.mark));
    if (u.update) w.bytes(u.update);
  }
  return w.finish();
}

export function decodeReplayLog(data: Uint8Array): ReplayLog {
  const r = new Reader(data);
  if (r.uint() !== FORMAT_VERSION) throw new Error("replay log: unknown version");
  const origin = r.uint();
  const authors: string[] = [];
  for (let n = r.uint(); n > 0; n--) authors.push(r.string());
  const snapshots: ReplaySnapshot[] = [];
  for (let n = r.uint(); n > 0; n--) {
    const seq = r.uint();
    const at = origin + r.int();
    snapshots.push({ seq, at, state: r.bytes() });
  }
  const updates: RecordedUpdate[] = [];
  let seq = 0;
  for (let n = r.uint(); n > 0; n--) {
    seq += r.uint();
    const at = origin + r.int();
    const author = r.uint();
    const mark = MARKS[r.uint()] ?? null;
    updates.push({
      seq,
      at,
      userId: author === 0 ? null : (authors[author - 1] ?? null),
      mark,
      update: mark === null ? r.bytes() : null,
    });
  }
  return { origin, snapshots, updates };
}
