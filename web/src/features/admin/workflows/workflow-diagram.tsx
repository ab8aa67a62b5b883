import type { StateCategory, Workflow } from '@keel/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../app/i18n';
import { useRecordLabels } from '../../records/use-record-labels';
import { BOX, layoutWorkflow } from './workflow-layout';

const COLORS: Record<StateCategory, { fill: string; stroke: string }> = {
  new: { fill: '#e6f4ff', stroke: '#1677ff' },
  active: { fill: '#e6fffb', stroke: '#13a8a8' },
  pending: { fill: '#fffbe6', stroke: '#d48806' },
  resolved: { fill: '#f6ffed', stroke: '#389e0d' },
  closed: { fill: '#f5f5f5', stroke: '#595959' },
  cancelled: { fill: '#fff1f0', stroke: '#cf1322' },
};

// Roughly how wide text is at 11–13 px: CJK glyphs are about twice as wide as Latin ones.
const textWidth = (text: string, size: number) =>
  [...text].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? size : size * 0.58), 0);
const fit = (text: string, size: number, max: number) => {
  if (textWidth(text, size) <= max) return text;
  let cut = text;
  while (cut.length > 1 && textWidth(`${cut}…`, size) > max) cut = cut.slice(0, -1);
  return `${cut}…`;
};

/** The workflow as a picture: a box per state (coloured by category), an arrow per pair of states labelled with its actions. */
export function WorkflowDiagram({ workflow }: { workflow: Workflow }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useRecordLabels();
  const layout = useMemo(() => layoutWorkflow(workflow), [workflow]);
  const stateLabel = new Map(workflow.states.map((s) => [s.key, s.label[locale]]));
  const actionLabel = new Map(workflow.transitions.map((tr) => [tr.key, tr.label[locale]]));

  return (
    <div style={{ overflowX: 'auto' }}>
      <svg
        // Shrinks to the card's width, down to a size that stays legible; a phone scrolls sideways.
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-label={t('engine.admin.workflows.diagram')}
        data-testid="workflow-diagram"
        style={{
          display: 'block',
          width: '100%',
          height: 'auto',
          maxWidth: layout.width,
          minWidth: Math.min(layout.width, 600),
          fontFamily: 'inherit',
        }}
      >
        <defs>
          <marker id="keel-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#8c8c8c" />
          </marker>
        </defs>
        {layout.edges.map((edge) => (
          <path key={`${edge.from}>${edge.to}`} d={edge.path} fill="none" stroke="#8c8c8c" strokeWidth={1.3} markerEnd="url(#keel-arrow)" />
        ))}
        {layout.edges.map((edge) => {
          const text = fit(edge.actions.map((a) => actionLabel.get(a) ?? a).join(' / '), 11, 220);
          const w = textWidth(text, 11) + 8;
          return (
            <g key={`${edge.from}>${edge.to}:label`} data-testid="workflow-edge" data-from={edge.from} data-to={edge.to}>
              <rect x={edge.label.x - w / 2} y={edge.label.y - 8} width={w} height={16} rx={3} fill="#fff" fillOpacity={0.92} />
              <text x={edge.label.x} y={edge.label.y + 4} textAnchor="middle" fontSize={11} fill="#434343">
                {text}
              </text>
            </g>
          );
        })}
        {layout.states.map((s) => {
          const color = COLORS[s.category];
          return (
            <g key={s.key} data-testid="workflow-state" data-state={s.key}>
              <title>{`${stateLabel.get(s.key) ?? s.key} (${s.key}) · ${labels.stateCategory(s.category)}`}</title>
              {s.initial && (
                <>
                  <circle cx={s.x - 10} cy={s.y + BOX.height / 2} r={4} fill="#262626" />
                  <line x1={s.x - 6} y1={s.y + BOX.height / 2} x2={s.x} y2={s.y + BOX.height / 2} stroke="#262626" strokeWidth={1.5} />
                </>
              )}
              <rect
                x={s.x}
                y={s.y}
                width={BOX.width}
                height={BOX.height}
                rx={8}
                fill={color.fill}
                stroke={color.stroke}
                strokeWidth={s.initial ? 2.5 : 1.5}
              />
              <text x={s.x + BOX.width / 2} y={s.y + 19} textAnchor="middle" fontSize={13} fontWeight={600} fill="#262626">
                {fit(stateLabel.get(s.key) ?? s.key, 13, BOX.width - 12)}
              </text>
              <text x={s.x + BOX.width / 2} y={s.y + 35} textAnchor="middle" fontSize={10} fill="#8c8c8c">
                {fit(`${s.key} · ${labels.stateCategory(s.category)}`, 10, BOX.width - 12)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
