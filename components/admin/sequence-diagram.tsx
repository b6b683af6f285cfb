// A sequence diagram of one SSO mode as inline SVG (no external service, no script): the
// participants' lifelines and the numbered messages of lib/admin/sequence-diagram.ts. Renders
// on the server and in the settings form alike.
import { getSequenceDiagram, participants, type Participant } from "@/lib/admin/sequence-diagram";
import type { SsoMode } from "@/lib/sso/modes";

const COLUMN = 150;
const LEFT = 75;
const TOP = 64;
const ROW = 40;
const WIDTH = LEFT * 2 + COLUMN * (participants.length - 1);

function x(participant: Participant): number {
  return LEFT + COLUMN * participants.findIndex((p) => p.id === participant);
}

/** A rough text width for system-ui at 12 px, for the label's background. */
function labelWidth(text: string): number {
  return Math.ceil(text.length * 6.4) + 10;
}

export function SequenceDiagram({ mode, ottTtlSeconds, idPrefix }: { mode: SsoMode; ottTtlSeconds: number; idPrefix: string }) {
  const diagram = getSequenceDiagram({ mode, ottTtlSeconds });
  const height = TOP + ROW * diagram.steps.length + 24;
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  const arrowId = `${idPrefix}-arrow`;
  return (
    <figure className="admin-diagram" data-mode={mode}>
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMidYMin meet"
        className="admin-diagram-svg"
      >
        <title id={titleId}>{diagram.title}</title>
        <desc id={descId}>
          {diagram.steps.map((s, i) => `${i + 1}. ${participants.find((p) => p.id === s.from)?.label} to ${participants.find((p) => p.id === s.to)?.label}: ${s.label}.`).join(" ")}
        </desc>
        <defs>
          <marker id={arrowId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#2b2d42" />
          </marker>
        </defs>
        {participants.map((p) => (
          <g key={p.id}>
            <line x1={x(p.id)} x2={x(p.id)} y1={TOP - 16} y2={height - 8} stroke="#9aa0a6" strokeDasharray="4 4" />
            <rect x={x(p.id) - 62} y={6} width={124} height={40} rx={6} fill={p.id === "auth" && mode === "disabled" ? "#f1f1f4" : "#eef2fb"} stroke="#2b2d42" strokeOpacity={p.id === "auth" && mode === "disabled" ? 0.3 : 1} />
            <text x={x(p.id)} y={23} textAnchor="middle" fontSize={13} fontWeight={700} fill="#1d1d1f">
              {p.label}
            </text>
            <text x={x(p.id)} y={38} textAnchor="middle" fontSize={10.5} fill="#5f6368">
              {p.detail}
            </text>
          </g>
        ))}
        {diagram.steps.map((step, i) => {
          const y = TOP + ROW * i + 26;
          const x1 = x(step.from);
          const x2 = x(step.to);
          const direction = x2 > x1 ? 1 : -1;
          const label = `${i + 1}. ${step.label}`;
          const width = labelWidth(label);
          const center = Math.min(Math.max((x1 + x2) / 2, width / 2 + 2), WIDTH - width / 2 - 2);
          return (
            <g key={i}>
              <rect x={center - width / 2} y={y - 21} width={width} height={16} rx={3} fill="#ffffff" />
              <text x={center} y={y - 9} textAnchor="middle" fontSize={12} fill="#1d1d1f">
                {label}
              </text>
              <line
                x1={x1 + direction * 3}
                x2={x2 - direction * 3}
                y1={y}
                y2={y}
                stroke="#2b2d42"
                strokeWidth={1.5}
                strokeDasharray={step.isReply ? "6 4" : undefined}
                markerEnd={`url(#${arrowId})`}
              />
            </g>
          );
        })}
      </svg>
      <figcaption className="admin-diagram-outcome">{diagram.outcome}</figcaption>
    </figure>
  );
}
