// Geometry of the trend chart, as plain data: where each session sits on the x axis,
// which dates get a label, and how each series is drawn so that lines with the same
// values stay apart and tellable (own dash pattern, own marker, a small offset).

export type Marker = "circle" | "square" | "triangle" | "diamond" | "cross" | "bar";

export interface SeriesStyle {
  color: string;
  /** SVG stroke-dasharray; "" is a solid line. */
  dash: string;
  marker: Marker;
}

/**
 * One style per dimension. Colours keep at least 3:1 against white (WCAG 1.4.11 for
 * graphics) and are told apart by colour-blind readers through dash and marker too.
 */
export const SERIES_STYLES: SeriesStyle[] = [
  { color: "#0067a3", dash: "", marker: "circle" },
  { color: "#b34a00", dash: "8 4", marker: "square" },
  { color: "#007a5a", dash: "2 3", marker: "triangle" },
  { color: "#a3457e", dash: "10 3 2 3", marker: "diamond" },
  { color: "#5c5f66", dash: "4 2", marker: "cross" },
  { color: "#7a5f00", dash: "12 4", marker: "bar" },
];

/** The overall call: the darkest line, thicker and dashed, with hollow markers. */
export const OVERALL_STYLE: SeriesStyle = { color: "#1c2033", dash: "6 4", marker: "circle" };

export function seriesStyle(index: number): SeriesStyle {
  return SERIES_STYLES[index % SERIES_STYLES.length]!;
}

/**
 * Indexes of the points whose date is written under the axis: always the first and the
 * last, and evenly spread ones between, never closer than `minGap` pixels.
 */
export function tickIndexes(count: number, plotWidth: number, minGap: number): number[] {
  if (count <= 0) return [];
  if (count === 1) return [0];
  const step = plotWidth / (count - 1);
  const every = Math.max(1, Math.ceil(minGap / step));
  const picked: number[] = [];
  for (let i = 0; i < count; i += every) picked.push(i);
  const last = count - 1;
  if (picked[picked.length - 1] !== last) {
    // Keep the last date; drop the one before it if the two labels would touch.
    if (picked.length > 1 && (last - picked[picked.length - 1]!) * step < minGap) picked.pop();
    picked.push(last);
  }
  return picked;
}

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the axis labels. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface PlottedSeries {
  key: string;
  points: { index: number; value: number; x: number; y: number }[];
}

/**
 * Places every series in the box: sessions evenly spaced left to right, scores 1–4
 * bottom to top. Series are nudged apart by `spread` pixels each, so that two
 * dimensions with the same scores show as two parallel lines instead of one.
 */
export function plotSeries(
  box: ChartBox,
  count: number,
  series: { key: string; values: (number | null | undefined)[] }[],
  domain: [number, number],
  spread = 3,
): { x: (index: number) => number; y: (value: number) => number; series: PlottedSeries[] } {
  const plotWidth = box.width - box.left - box.right;
  const plotHeight = box.height - box.top - box.bottom;
  const x = (index: number) =>
    box.left + (count <= 1 ? plotWidth / 2 : (index * plotWidth) / (count - 1));
  const y = (value: number) =>
    box.top + plotHeight - ((value - domain[0]) / (domain[1] - domain[0])) * plotHeight;
  const middle = (series.length - 1) / 2;
  return {
    x,
    y,
    series: series.map((s, i) => {
      const offset = (i - middle) * spread;
      return {
        key: s.key,
        points: s.values.flatMap((value, index) =>
          typeof value === "number" ? [{ index, value, x: x(index), y: y(value) + offset }] : [],
        ),
      };
    }),
  };
}

/** An SVG path through the points, in order. */
export function linePath(points: { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join("");
}
