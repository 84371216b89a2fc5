import { describe, expect, it } from "vitest";
import {
  linePath,
  OVERALL_STYLE,
  plotSeries,
  SERIES_STYLES,
  tickIndexes,
} from "~/components/trend-chart-layout";

/** WCAG relative luminance contrast of a #rrggbb colour against white. */
function contrastOnWhite(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (l + 0.05);
}

describe("tickIndexes", () => {
  it("always labels the first and the last session", () => {
    for (const count of [2, 3, 5, 9, 17, 40]) {
      for (const width of [200, 340, 600, 1100]) {
        const ticks = tickIndexes(count, width, 64);
        expect(ticks[0]).toBe(0);
        expect(ticks.at(-1)).toBe(count - 1);
      }
    }
    expect(tickIndexes(1, 600, 64)).toEqual([0]);
    expect(tickIndexes(0, 600, 64)).toEqual([]);
  });

  it("keeps labels at least the minimum gap apart", () => {
    for (const count of [3, 7, 12, 30]) {
      for (const width of [300, 588]) {
        const ticks = tickIndexes(count, width, 64);
        const step = width / (count - 1);
        for (let i = 1; i < ticks.length; i++) {
          expect((ticks[i]! - ticks[i - 1]!) * step).toBeGreaterThanOrEqual(64);
        }
      }
    }
  });

  it("labels every session when there is room", () => {
    expect(tickIndexes(4, 600, 64)).toEqual([0, 1, 2, 3]);
  });
});

describe("plotSeries", () => {
  const box = { width: 400, height: 200, left: 20, right: 20, top: 10, bottom: 30 };

  it("spreads sessions over the width and scores 1–4 over the height", () => {
    const plot = plotSeries(box, 3, [{ key: "a", values: [1, 4, null] }], [1, 4], 0);
    expect(plot.x(0)).toBe(20);
    expect(plot.x(2)).toBe(380);
    expect(plot.y(1)).toBe(170);
    expect(plot.y(4)).toBe(10);
    // A missing score is a gap, not a zero.
    expect(plot.series[0]!.points.map((p) => p.index)).toEqual([0, 1]);
  });

  it("draws two series with the same scores as two separate lines", () => {
    const plot = plotSeries(
      box,
      2,
      [
        { key: "a", values: [3, 3] },
        { key: "b", values: [3, 3] },
      ],
      [1, 4],
    );
    const [a, b] = plot.series;
    expect(linePath(a!.points)).not.toBe(linePath(b!.points));
    expect(Math.abs(a!.points[0]!.y - b!.points[0]!.y)).toBeGreaterThanOrEqual(3);
  });
});

describe("series styles", () => {
  it("gives every series its own dash pattern and marker", () => {
    const all = [...SERIES_STYLES, OVERALL_STYLE];
    expect(new Set(SERIES_STYLES.map((s) => s.dash)).size).toBe(SERIES_STYLES.length);
    expect(new Set(SERIES_STYLES.map((s) => s.marker)).size).toBe(SERIES_STYLES.length);
    for (const style of all) expect(contrastOnWhite(style.color)).toBeGreaterThanOrEqual(3);
  });
});
