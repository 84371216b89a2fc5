import * as Y from "yjs";
import type { PadSetup } from "./pad-setup";

// Seeding the pad's template exactly once, however many people open an empty pad at the
// same moment. The seed is built in a document of its own under a client id derived
// from its content, so every browser produces the very same update (same ids, same
// clocks): Yjs merges identical structs into one, so two concurrent seeds leave one
// template, and a seed applied again after edits changes nothing.

/** FNV-1a over the text; never 0, so it cannot be mistaken for an unset id. */
function seedClientId(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash === 0 ? 1 : hash;
}

export function padSeedUpdate(setup: Pick<PadSetup, "language" | "template">): Uint8Array | null {
  if (setup.template === null) return null;
  const seed = new Y.Doc();
  seed.clientID = seedClientId(`${setup.language}\n${setup.template}`);
  seed.transact(() => {
    seed.getMap("meta").set("language", setup.language);
    seed.getText("code").insert(0, setup.template ?? "");
  });
  const update = Y.encodeStateAsUpdate(seed);
  seed.destroy();
  return update;
}

/**
 * Seeds a synced, still untouched pad. Returns whether it did. A pad someone has typed
 * in or set a language on is left as it is.
 */
export function seedPad(doc: Y.Doc, setup: Pick<PadSetup, "language" | "template">): boolean {
  const update = padSeedUpdate(setup);
  if (!update) return false;
  if (doc.getText("code").length > 0 || doc.getMap("meta").has("language")) return false;
  Y.applyUpdate(doc, update, "pad-seed");
  return true;
}
