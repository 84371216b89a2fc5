import { validateLoops } from "./loop-schema";
import loopData from "./loops/databricks-ic.json";
import type { LoopDefinition } from "./types";

// The shipped loop is data: db/catalog/loops/databricks-ic.json (stages, dimensions with
// their anchors and probe ladders, levels, tracks). It is checked here, when it is
// loaded at start-up: a bad field stops the start with its path named (loop-schema.ts).

export const databricksLoop: LoopDefinition = validateLoops([loopData])[0]!;
