import * as Y from "yjs";
import { boardSizeProblem, checkBoardElement } from "../app/modules/board/board-elements";
import { RUN_LIMITS, runRecordProblem } from "../app/modules/runs/run-records";
import { DOC_ROOTS, META_LIMITS } from "../app/modules/sessions/shared-doc";

// What a client may put in a session's shared document, checked before the realtime
// server applies an update (server.ts: the short path for open connections, and
// Hocuspocus' beforeHandleMessage for sync steps). frames.ts has already made sure the
// update decodes; this looks at what it would write. A document one participant could
// fill with another root, a nested type, a malformed board element or a run record in
// the peer's name would be unreadable (or lying) for the other, for the stored pad and
// for the feedback page, so such an update is refused whole: nothing of it is applied.
//
// Yjs writes an item's parent (root name, map key) only when the item has no origin;
// an item inserted next to another takes its neighbour's parent. So the place of an item
// is found through its origin: in the update itself, or in the document's store.

/** Why an update is refused, or "unresolved": it refers to content the server lacks. */
export type UpdateVerdict =
  | { ok: true }
  | { ok: false; reason: string }
  | { ok: false; reason: "unresolved" };

const OK: UpdateVerdict = { ok: true };
const refuse = (reason: string): UpdateVerdict => ({ ok: false, reason });

/** Where an item sits: a root and, in a map, its key. "gone": its neighbour was collected. */
type Place = { root: string; key: string | null } | "gone" | "nested" | "missing";

const ROOTS: ReadonlySet<string> = new Set(Object.values(DOC_ROOTS));

/** A board's size, kept as it changes so a keystroke never re-measures the board. */
interface BoardTally {
  count: number;
  bytes: number;
  sizes: Map<string, number>;
}

const tallies = new WeakMap<Y.Doc, BoardTally>();

/** The board's running size for `doc`, measured once and then kept by an observer. */
function boardTally(doc: Y.Doc): BoardTally {
  let tally = tallies.get(doc);
  if (tally) return tally;
  const board = doc.getMap<unknown>(DOC_ROOTS.board);
  const created: BoardTally = { count: 0, bytes: 0, sizes: new Map() };
  const measure = (key: string) => {
    const before = created.sizes.get(key);
    if (before !== undefined) {
      created.count -= 1;
      created.bytes -= before;
      created.sizes.delete(key);
    }
    if (!board.has(key)) return;
    const size = JSON.stringify(board.get(key) ?? null).length;
    created.count += 1;
    created.bytes += size;
    created.sizes.set(key, size);
  };
  for (const key of board.keys()) measure(key);
  board.observe((event) => {
    for (const key of event.keysChanged) measure(key);
  });
  tallies.set(doc, created);
  tally = created;
  return tally;
}

/** The update's structs of one client, in clock order, to find an origin among them. */
type StructsByClient = Map<number, Array<Y.Item | Y.GC | Y.Skip>>;

function structAt(byClient: StructsByClient, id: Y.ID): Y.Item | Y.GC | Y.Skip | undefined {
  const structs = byClient.get(id.client);
  if (!structs) return undefined;
  let low = 0;
  let high = structs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const struct = structs[mid]!;
    if (id.clock < struct.id.clock) high = mid - 1;
    else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
    else return struct;
  }
  return undefined;
}

/** The place of an item already in the document. */
function placeInDocument(doc: Y.Doc, id: Y.ID): Place {
  const store = doc.store;
  if (!store.clients.has(id.client) || Y.getState(store, id.client) <= id.clock) return "missing";
  const structs = store.clients.get(id.client)!;
  const struct = structs[Y.findIndexSS(structs, id.clock)];
  if (!(struct instanceof Y.Item)) return "gone";
  const parent = struct.parent;
  if (!(parent instanceof Y.AbstractType)) return "gone";
  if (parent._item !== null) return "nested";
  for (const [name, type] of doc.share) {
    if (type === parent) return { root: name, key: struct.parentSub };
  }
  return "missing";
}

function placeOf(
  item: Y.Item,
  doc: Y.Doc,
  byClient: StructsByClient,
  memo: Map<Y.Item, Place>,
): Place {
  const known = memo.get(item);
  if (known) return known;
  let place: Place;
  const parent = item.parent as unknown;
  if (typeof parent === "string") {
    place = { root: parent, key: item.parentSub };
  } else if (parent !== null) {
    // An ID: the item sits inside another type.
    place = "nested";
  } else {
    // Following origins within the update: a chain is at most as long as the update, and
    // marking the item first ends any cycle a forged update could build.
    memo.set(item, "missing");
    const neighbour = item.origin ?? item.rightOrigin;
    const inUpdate = neighbour ? structAt(byClient, neighbour) : undefined;
    if (!neighbour) place = "missing";
    else if (inUpdate instanceof Y.Item) place = placeOf(inUpdate, doc, byClient, memo);
    else if (inUpdate instanceof Y.GC) place = "gone";
    else place = placeInDocument(doc, neighbour);
  }
  memo.set(item, place);
  return place;
}

function isScalar(value: unknown): boolean {
  if (typeof value === "string") return value.length <= META_LIMITS.stringLength;
  if (typeof value === "number") return Number.isFinite(value);
  return typeof value === "boolean";
}

/**
 * Whether `senderId` may apply `update` to `doc`. Content the document already holds
 * (a sync step that repeats it) is not looked at again: Yjs skips it.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, senderId: string): UpdateVerdict {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return refuse("invalid update");
  }
  const byClient: StructsByClient = new Map();
  for (const struct of decoded.structs) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  const memo = new Map<Y.Item, Place>();
  /** Board keys this update writes, with the largest value it writes under each. */
  let boardWrites: Map<string, number> | undefined;
  let newMetaKeys: Set<string> | undefined;
  /** Run records this update appends. */
  let newRuns = 0;
  let unresolved = false;

  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue; // GC and Skip carry nothing.
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    const content = struct.content;
    if (content instanceof Y.ContentType || content instanceof Y.ContentDoc) {
      return refuse("nested types are not allowed");
    }
    const place = placeOf(struct, doc, byClient, memo);
    if (place === "nested") return refuse("nested types are not allowed");
    if (place === "gone") continue; // Yjs drops an item whose neighbour was collected.
    if (place === "missing") {
      unresolved = true;
      continue;
    }
    const { root, key } = place;
    if (!ROOTS.has(root)) return refuse(`unknown root ${JSON.stringify(root.slice(0, 40))}`);
    const deleted = content instanceof Y.ContentDeleted;
    switch (root) {
      case DOC_ROOTS.code:
        if (key !== null) return refuse("the code is text");
        if (!deleted && !(content instanceof Y.ContentString))
          return refuse("the code holds only text");
        break;
      case DOC_ROOTS.meta: {
        if (key === null || key.length > META_LIMITS.keyLength)
          return refuse("meta keys are short words");
        if (deleted) break;
        if (
          !(content instanceof Y.ContentAny) ||
          content.arr.length !== 1 ||
          !isScalar(content.arr[0])
        ) {
          return refuse("meta values are short scalars");
        }
        if (!doc.getMap(DOC_ROOTS.meta).has(key)) {
          newMetaKeys ??= new Set();
          newMetaKeys.add(key);
        }
        break;
      }
      case DOC_ROOTS.board: {
        if (key === null) return refuse("board elements are kept by id");
        if (deleted) break;
        if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) {
          return refuse("a board entry is one element");
        }
        const verdict = checkBoardElement(key, content.arr[0]);
        if (!verdict.ok) return refuse(verdict.reason);
        boardWrites ??= new Map();
        boardWrites.set(key, Math.max(boardWrites.get(key) ?? 0, verdict.bytes));
        break;
      }
      case DOC_ROOTS.runs: {
        if (key !== null) return refuse("runs are a list");
        if (deleted) break;
        if (!(content instanceof Y.ContentAny)) return refuse("a run is a record");
        for (const value of content.arr) {
          const problem = runRecordProblem(value, senderId);
          if (problem) return refuse(problem);
        }
        newRuns += content.arr.length;
        break;
      }
    }
  }
  if (unresolved) return { ok: false, reason: "unresolved" };
  if (newMetaKeys) {
    const meta = doc.getMap(DOC_ROOTS.meta);
    if (meta.size + newMetaKeys.size > META_LIMITS.keys) return refuse("too many meta keys");
  }
  if (newRuns > 0 && doc.getArray(DOC_ROOTS.runs).length + newRuns > RUN_LIMITS.perSession) {
    return refuse(`a session keeps at most ${RUN_LIMITS.perSession} runs`);
  }
  if (boardWrites) {
    const tally = boardTally(doc);
    let count = tally.count;
    let bytes = tally.bytes;
    const removed = removedBoardKeys(doc, decoded.ds);
    for (const key of removed) {
      if (boardWrites.has(key)) continue;
      count -= 1;
      bytes -= tally.sizes.get(key) ?? 0;
    }
    for (const [key, size] of boardWrites) {
      const before = tally.sizes.get(key);
      if (before === undefined) count += 1;
      bytes += size - (before ?? 0);
    }
    // A board already over a limit (limits lowered since) may still shrink.
    const grows = count > tally.count || bytes > tally.bytes;
    const problem = grows ? boardSizeProblem(count, bytes) : null;
    if (problem) return refuse(problem);
  }
  return OK;
}

/**
 * Board keys whose current value the update deletes (deleting an element makes room in
 * the same update that adds another).
 */
function removedBoardKeys(doc: Y.Doc, ds: ReturnType<typeof Y.decodeUpdate>["ds"]): Set<string> {
  const removed = new Set<string>();
  const board = doc.share.get(DOC_ROOTS.board);
  if (!board) return removed;
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (clock >= state) continue;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const struct = structs[i]!;
        if (struct.id.clock >= clock + len) break;
        if (
          struct instanceof Y.Item &&
          struct.parent === board &&
          struct.parentSub !== null &&
          !struct.deleted &&
          board._map.get(struct.parentSub) === struct
        ) {
          removed.add(struct.parentSub);
        }
      }
    }
  }
  return removed;
}

/** For tests and diagnostics: the board size the guard holds for `doc`. */
export function boardSize(doc: Y.Doc): { count: number; bytes: number } {
  const { count, bytes } = boardTally(doc);
  return { count, bytes };
}
