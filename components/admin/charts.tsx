// Small server-rendered SVG charts for the Activity page. Each chart is an image with a title
// for assistive technology (role="img", <title>), and its numbers are also in a table that is
// visually hidden, so nothing is only visible as a shape.
import { barHeight, niceMax } from "@/lib/admin/chart-scale";
import { formatUtcHour } from "@/lib/admin/format";

const WIDTH = 264;
const HEIGHT = 72;
const PLOT_LEFT = 26;
const PLOT_TOP = 6;
const PLOT_HEIGHT = 48;

export function HourlyBarChart({ id, title, values, hours, color }: { id: string; title: string; values: number[]; hours: Date[]; color: string }) {
  const total = values.reduce((a, b) => a + b, 0);
  const max = niceMax(Math.max(0, ...values));
  const slot = (WIDTH - PLOT_LEFT - 4) / Math.max(1, values.length);
  const barWidth = Math.max(2, slot - 2);
  const baseline = PLOT_TOP + PLOT_HEIGHT;
  const first = hours[0];
  const peak = Math.max(0, ...values);
  return (
    <figure className="admin-chart">
      <figcaption className="admin-chart-caption">
        <span className="admin-chart-title">{title}</span>
        <span className="admin-chart-total">{total}</span>
      </figcaption>
      <svg role="img" aria-labelledby={`${id}-title`} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" className="admin-chart-svg">
        <title id={`${id}-title`}>{`${title}: ${total} in the last 24 hours, at most ${peak} in one hour.`}</title>
        <line x1={PLOT_LEFT} x2={WIDTH - 2} y1={PLOT_TOP} y2={PLOT_TOP} stroke="#e3e3e6" />
        <line x1={PLOT_LEFT} x2={WIDTH - 2} y1={PLOT_TOP + PLOT_HEIGHT / 2} y2={PLOT_TOP + PLOT_HEIGHT / 2} stroke="#eeeef1" />
        <line x1={PLOT_LEFT} x2={WIDTH - 2} y1={baseline} y2={baseline} stroke="#9aa0a6" />
        <text x={PLOT_LEFT - 4} y={PLOT_TOP + 4} textAnchor="end" fontSize={9} fill="#5f6368">
          {max}
        </text>
        <text x={PLOT_LEFT - 4} y={baseline + 3} textAnchor="end" fontSize={9} fill="#5f6368">
          0
        </text>
        {values.map((value, i) => {
          const h = barHeight(value, max, PLOT_HEIGHT);
          return <rect key={i} x={PLOT_LEFT + i * slot + 1} y={baseline - h} width={barWidth} height={h} fill={color} rx={1} />;
        })}
        <text x={PLOT_LEFT} y={HEIGHT - 3} fontSize={9} fill="#5f6368">
          {first ? formatUtcHour(first) : ""}
        </text>
        <text x={WIDTH - 2} y={HEIGHT - 3} textAnchor="end" fontSize={9} fill="#5f6368">
          now
        </text>
      </svg>
    </figure>
  );
}

export type SessionSlice = { label: string; value: number; color: string };

export function SessionsBar({ id, title, slices }: { id: string; title: string; slices: SessionSlice[] }) {
  const total = slices.reduce((a, s) => a + s.value, 0);
  const width = 264;
  let x = 0;
  return (
    <figure className="admin-chart">
      <figcaption className="admin-chart-caption">
        <span className="admin-chart-title">{title}</span>
        <span className="admin-chart-total">{total}</span>
      </figcaption>
      <svg role="img" aria-labelledby={`${id}-title`} viewBox={`0 0 ${width} 18`} width="100%" className="admin-chart-svg">
        <title id={`${id}-title`}>{`${title}: ${slices.map((s) => `${s.value} ${s.label}`).join(", ")}.`}</title>
        <rect x={0} y={0} width={width} height={18} rx={4} fill="#f1f1f4" />
        {total > 0
          ? slices.map((slice) => {
              const w = (slice.value / total) * width;
              const rect = w > 0 ? <rect key={slice.label} x={x} y={0} width={w} height={18} fill={slice.color} /> : null;
              x += w;
              return rect;
            })
          : null}
      </svg>
      <ul className="admin-legend" aria-hidden="true">
        {slices.map((slice) => (
          <li key={slice.label}>
            <span className="admin-swatch" style={{ background: slice.color }} /> {slice.label} <strong>{slice.value}</strong>
          </li>
        ))}
      </ul>
    </figure>
  );
}
