import { SHIPPED_LOOPS } from "./shipped-loops";
import type { LoopDefinition } from "./types";

// The first shipped loop (db/catalog/loops/databricks-ic.json), by name: the tests that
// edit a copy of real loop data start from it. The app itself never names a loop.

export const databricksLoop: LoopDefinition = SHIPPED_LOOPS.find(
  (l) => l.slug === "databricks-ic",
)!;
