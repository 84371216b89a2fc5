import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildForProduction, formatPageWeights, measurePageWeights } from "../support/page-weight";

// Page weight of a production build: every page's gzipped JavaScript, the lazy chunks it
// loads by itself included, within its budget (150 KB; the live room 350 KB). What loads
// only when the person asks (the room's video, other pad languages) is printed apart.

describe("page weight", () => {
  const buildDir = buildForProduction();
  const weights = (() => {
    try {
      return measurePageWeights(buildDir);
    } finally {
      rmSync(buildDir, { recursive: true, force: true });
    }
  })();
  console.log(`Gzipped JavaScript per page:\n${formatPageWeights(weights)}`);
  const room = weights.find((w) => w.routeId === "routes/_app.sessions.$sessionId");
  if (room) {
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    console.log(
      `The room: ${kb(room.total)} before the whiteboard, ${kb(room.total + room.whiteboard)} with it (Excalidraw and the binding: ${kb(room.whiteboard)}, loaded when the board is first shown).`,
    );
  }

  it("keeps the whiteboard out of the room's first load, and weighs it apart", () => {
    const room = weights.find((w) => w.routeId === "routes/_app.sessions.$sessionId")!;
    // Excalidraw alone is several hundred KB gzipped: found, and not in the budget.
    expect(room.whiteboard).toBeGreaterThan(300 * 1024);
    expect(room.onDemand).toBeGreaterThanOrEqual(room.whiteboard);
  });

  it("measures every page of the app", () => {
    const ids = weights.map((w) => w.routeId);
    for (const id of ["routes/_app.progress", "routes/_app.dashboard", "routes/login"]) {
      expect(ids).toContain(id);
    }
    // Resource routes (webhooks, feeds) have no page.
    expect(ids).not.toContain("routes/healthz");
  });

  it.each(weights.map((w) => [w.routeId, w] as const))("%s stays within its budget", (_, w) => {
    expect(w.total, `${w.routeId}: ${(w.total / 1024).toFixed(1)} KB`).toBeLessThanOrEqual(
      w.budget,
    );
  });
});
