import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatDateTime } from "~/utils/datetime";

// Colour-blind-friendly qualitative palette (Okabe–Ito), one colour per dimension.
const PALETTE = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#7F7F7F",
  "#F0E442",
];

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

/**
 * Scores per dimension over time for one round, with the overall call as a dashed
 * line, and the same numbers as a table for screen readers and exact reading.
 */
export function TrendChart({ roundName, dimensions, points, timeZone }: TrendChartProps) {
  const data = points.map((p) => ({
    label: formatDateTime(new Date(p.at), timeZone),
    overall: p.overall,
    ...p.scores,
  }));
  return (
    <figure className="trend" data-testid={`trend-${roundName}`}>
      <div className="trend-chart" aria-hidden="true">
        <ResponsiveContainer
          width="100%"
          height={280}
          initialDimension={{ width: 640, height: 280 }}
        >
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ea" />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis domain={[1, 4]} ticks={[1, 2, 3, 4]} allowDecimals={false} width={28} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {dimensions.map((d, i) => (
              <Line
                key={d.slug}
                type="linear"
                dataKey={d.slug}
                name={d.name}
                stroke={PALETTE[i % PALETTE.length]}
                strokeWidth={2}
                dot={{ r: 3 }}
                isAnimationActive={false}
              />
            ))}
            <Line
              type="linear"
              dataKey="overall"
              name="Overall call"
              stroke="#1b1f24"
              strokeDasharray="6 4"
              strokeWidth={2}
              dot={{ r: 4 }}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
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
                  {data[i]!.label} ({p.levelCode})
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
