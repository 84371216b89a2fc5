import { validateLoops } from "./loop-schema";
import bigtechSwe from "./loops/bigtech-swe.json";
import databricksIc from "./loops/databricks-ic.json";
import type { LoopDefinition } from "./types";

// Every loop that ships is a JSON file in db/catalog/loops/ (stages, dimensions with their
// anchors and probe ladders, levels, tracks with their onsite day). Adding a loop is adding
// its file and one line here; no other code names a loop. The data is checked when it is
// loaded, at start-up: a bad field stops the start with its path named (loop-schema.ts).

export const SHIPPED_LOOPS: LoopDefinition[] = validateLoops([databricksIc, bigtechSwe]);
