import { useEffect, useRef, useState } from "react";
import { formatDateTime } from "~/utils/datetime";
import {
  linePath,
  type Marker,
  OVERALL_STYLE,
  plotSeries,
  type SeriesStyle,
  seriesStyle,
  tickIndexes,
} from "./trend-chart-layout";

// A hand-drawn SVG chart: a charting library cost the progress page 110 KB of
// gzipped JavaScript for a few lines on a 1–4 grid.

export interface TrendChartProps {
  roundName: string;
  dimensions: { slug: string; name: string }[];
  points: {
    feedbackId: string;
    at: string;
    levelCode: string;
    overall: number;
    scores: Record<string, number>;
  }[];
  timeZone: string;
}

const CALL_NAMES = ["", "Strong no hire", "No hire", "Hire", "Strong hire"];
const HEIGHT = 260;
const BOX = { left: 32, right: 20, top: 14, bottom: 30 };
/** Width used on the server and before the first measurement. */
const DEFAULT_WIDTH = 640;

const shortDates = new Map<string, Intl.DateTimeFormat>();
function formatShortDate(at: Date, timeZone: string) {
  let format = shortDates.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short" });
    shortDates.set(timeZone, format);
  }
  return format.format(at);
}

/** The width of the element, following resizes (the chart redraws rather than scales text). */
function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(240, Math.round(element.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

function MarkerShape({
  marker,
  x,
  y,
  style,
  hollow,
}: {
  marker: Marker;
  x: number;
  y: number;
  style: SeriesStyle;
  hollow?: boolean;
}) {
  const fill = hollow ? "#ffffff" : style.color;
  const common = { fill, stroke: style.color, strokeWidth: 1.5 };
  switch (marker) {
    case "circle":
      return <circle cx={x} cy={y} r={hollow ? 5 : 4} {...common} />;
    case "square":
      return <rect x={x - 3.5} y={y - 3.5} width={7} height={7} {...common} />;
    case "triangle":
      return <path d={`M${x},${y - 5}L${x + 4.5},${y + 3.5}L${x - 4.5},${y + 3.5}Z`} {...common} />;
    case "diamond":
      return <path d={`M${x},${y - 5}L${x + 5},${y}L${x},${y + 5}L${x - 5},${y}Z`} {...common} />;
    case "cross":
      return (
        <path
          d={`M${x - 4},${y - 4}L${x + 4},${y + 4}M${x - 4},${y + 4}L${x + 4},${y - 4}`}
          stroke={style.color}
          strokeWidth={2}
        />
      );
    case "bar":
      return <rect x={x - 1.5} y={y - 5} width={3} height={10} {...common} />;
  }
}

/** A short stretch of the series' line with its marker, for the legend. */
function Swatch({
  style,
  hollow,
  width = 2,
}: {
  style: SeriesStyle;
  hollow?: boolean;
  width?: number;
}) {
  return (
    <svg width="34" height="12" viewBox="0 0 34 12" aria-hidden="true" focusable="false">
      <path
        d="M1,6L33,6"
        stroke={style.color}
        strokeWidth={width}
        strokeDasharray={style.dash || undefined}
      />
      <MarkerShape marker={style.marker} x={17} y={6} style={style} hollow={hollow} />
    </svg>
  );
}

/**
 * Scores per dimension over time for one round, with the overall call as a dashed
 * line, and the same numbers as a table for screen readers and exact reading.
 */
export function TrendChart({ roundName, dimensions, points, timeZone }: TrendChartProps) {
  const [wrapper, width] = useWidth<HTMLDivElement>();
  const box = { ...BOX, width, height: HEIGHT };
  const labels = points.map((p) => formatDateTime(new Date(p.at), timeZone));
  const series = [
    ...dimensions.map((d, i) => ({
      key: d.slug,
      name: d.name,
      style: seriesStyle(i),
      values: points.map((p) => p.scores[d.slug]),
      overall: false,
    })),
    {
      key: "overall",
      name: "Overall call",
      style: OVERALL_STYLE,
      values: points.map((p) => p.overall),
      overall: true,
    },
  ];
  const plot = plotSeries(box, points.length, series, [1, 4]);
  const ticks = tickIndexes(points.length, width - BOX.left - BOX.right, 64);

  return (
    <figure className="trend" data-testid={`trend-${roundName}`}>
      {/* The table below carries the same numbers for assistive technology. */}
      <div className="trend-chart" ref={wrapper} aria-hidden="true">
        <svg
          width={width}
          height={HEIGHT}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          focusable="false"
          role="presentation"
        >
          {[1, 2, 3, 4].map((v) => (
            <g key={v}>
              <line
                x1={BOX.left}
                x2={width - BOX.right}
                y1={plot.y(v)}
                y2={plot.y(v)}
                stroke="#d9dce8"
                strokeDasharray={v === 1 ? undefined : "3 3"}
              />
              <text x={BOX.left - 10} y={plot.y(v) + 4} textAnchor="end" className="trend-axis">
                {v}
              </text>
            </g>
          ))}
          {ticks.map((i) => (
            <text
              key={i}
              x={plot.x(i)}
              y={HEIGHT - 8}
              textAnchor={
                ticks.length > 1 && i === 0
                  ? "start"
                  : ticks.length > 1 && i === points.length - 1
                    ? "end"
                    : "middle"
              }
              className="trend-axis"
              data-testid="trend-tick"
            >
              {formatShortDate(new Date(points[i]!.at), timeZone)}
            </text>
          ))}
          {series.map((s, i) => {
            const plotted = plot.series[i]!;
            return (
              <g key={s.key} data-series={s.key}>
                <path
                  d={linePath(plotted.points)}
                  fill="none"
                  stroke={s.style.color}
                  strokeWidth={s.overall ? 2.5 : 2}
                  strokeDasharray={s.style.dash || undefined}
                />
                {plotted.points.map((p) => (
                  <g key={p.index} className="trend-point">
                    <title>
                      {s.name}: {s.overall ? CALL_NAMES[p.value] : p.value} ({labels[p.index]})
                    </title>
                    <MarkerShape
                      marker={s.style.marker}
                      x={p.x}
                      y={p.y}
                      style={s.style}
                      hollow={s.overall}
                    />
                  </g>
                ))}
              </g>
            );
          })}
        </svg>
        <ul className="trend-legend">
          {series.map((s) => (
            <li key={s.key}>
              <Swatch style={s.style} hollow={s.overall} width={s.overall ? 2.5 : 2} />
              {s.name}
            </li>
          ))}
        </ul>
      </div>
      <details className="trend-table">
        <summary>Show the numbers</summary>
        <table>
          <caption className="visually-hidden">{roundName}: scores per session</caption>
          <thead>
            <tr>
              <th scope="col">Session</th>
              {dimensions.map((d) => (
                <th key={d.slug} scope="col">
                  {d.name}
                </th>
              ))}
              <th scope="col">Overall call</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={p.feedbackId} data-feedback-id={p.feedbackId}>
                <th scope="row">
                  {labels[i]} ({p.levelCode})
                </th>
                {dimensions.map((d) => (
                  <td key={d.slug}>{p.scores[d.slug] ?? "–"}</td>
                ))}
                <td>{CALL_NAMES[p.overall]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
