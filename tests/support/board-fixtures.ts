// Whiteboard elements as Excalidraw 0.18 writes them, for the board tests.

export function rectangle(id = "r1", extra: Record<string, unknown> = {}) {
  return {
    id,
    type: "rectangle",
    x: 10,
    y: 20,
    width: 200,
    height: 80,
    angle: 0,
    strokeColor: "#1e1e1e",
    backgroundColor: "transparent",
    fillStyle: "solid",
    strokeWidth: 2,
    strokeStyle: "solid",
    roundness: { type: 3 },
    roughness: 1,
    opacity: 100,
    seed: 12345,
    version: 3,
    versionNonce: 987654,
    index: "a0",
    isDeleted: false,
    groupIds: [],
    frameId: null,
    boundElements: [{ id: "t1", type: "text" }],
    updated: 1_764_547_200_000,
    link: null,
    locked: false,
    ...extra,
  };
}

export function text(id = "t1", extra: Record<string, unknown> = {}) {
  const { boundElements: _, ...base } = rectangle(id);
  return {
    ...base,
    boundElements: null,
    type: "text",
    fontSize: 20,
    fontFamily: 5,
    text: "API gateway",
    originalText: "API gateway",
    textAlign: "center",
    verticalAlign: "middle",
    containerId: "r1",
    autoResize: true,
    lineHeight: 1.25,
    ...extra,
  };
}

export function arrow(id = "a1", extra: Record<string, unknown> = {}) {
  return {
    ...rectangle(id),
    type: "arrow",
    boundElements: null,
    points: [
      [0, 0],
      [120, 40],
    ],
    lastCommittedPoint: null,
    startBinding: { elementId: "r1", focus: 0.1, gap: 4 },
    endBinding: null,
    startArrowhead: null,
    endArrowhead: "arrow",
    elbowed: false,
    ...extra,
  };
}

export function freedraw(points: number, id = "f1") {
  return {
    ...rectangle(id),
    type: "freedraw",
    boundElements: null,
    points: Array.from({ length: points }, (_, i) => [i, i * 0.5]),
    pressures: [],
    simulatePressure: true,
    lastCommittedPoint: null,
  };
}
