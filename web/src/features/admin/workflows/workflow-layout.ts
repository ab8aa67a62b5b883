import { STATE_CATEGORIES, type StateCategory, type Workflow } from '@keel/shared';

/**
 * Lays a workflow out for the diagram: states as boxes in one column per category (new →
 * active → pending → resolved → closed → cancelled), transitions as arrows, one per pair of
 * states with every action between them. An arrow to the next column is a curve across the
 * gap; a longer one rises to a lane of its own above the boxes, a backward one drops to a
 * lane below, and one within a column runs down the gap beside it, so no arrow crosses a box
 * and no two labels share a lane.
 */
export const BOX = { width: 148, height: 44 };
const GAP = 124;
const ROW_GAP = 40;
const LANE = 22;
const MARGIN = 16;
const CHANNEL = 10;

export type Point = { x: number; y: number };
export type LaidState = { key: string; category: StateCategory; initial: boolean; x: number; y: number };
export type LaidEdge = {
  from: string;
  to: string;
  actions: string[];
  path: string;
  label: Point;
  kind: 'next' | 'over' | 'under' | 'side' | 'self';
};
export type WorkflowLayout = { width: number; height: number; states: LaidState[]; edges: LaidEdge[] };

const polyline = (points: Point[]) => points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');

export function layoutWorkflow(workflow: Workflow): WorkflowLayout {
  const columns = STATE_CATEGORIES.filter((c) => workflow.states.some((s) => s.category === c));
  const rowsOf = columns.map((c) => workflow.states.filter((s) => s.category === c));
  const rows = Math.max(1, ...rowsOf.map((r) => r.length));

  // Pairs first: an arrow per (from, to), labelled with every action between them.
  const pairs = new Map<string, { from: string; to: string; actions: string[] }>();
  for (const t of workflow.transitions) {
    for (const from of t.from) {
      const id = `${from}>${t.to}`;
      const pair = pairs.get(id) ?? { from, to: t.to, actions: [] };
      pair.actions.push(t.key);
      pairs.set(id, pair);
    }
  }
  const place = new Map<string, { col: number; row: number }>();
  rowsOf.forEach((states, col) => {
    states.forEach((s, row) => {
      place.set(s.key, { col, row });
    });
  });
  const known = [...pairs.values()].filter((p) => place.has(p.from) && place.has(p.to));
  const kindOf = (p: { from: string; to: string }): LaidEdge['kind'] => {
    const a = place.get(p.from);
    const b = place.get(p.to);
    if (!a || !b || p.from === p.to) return 'self';
    if (a.col === b.col) return 'side';
    if (b.col === a.col + 1) return 'next';
    return b.col > a.col ? 'over' : 'under';
  };
  const over = known.filter((p) => kindOf(p) === 'over');
  const under = known.filter((p) => kindOf(p) === 'under');

  const top = MARGIN + over.length * LANE + (over.length > 0 ? 8 : 0) + 14;
  const boxesBottom = top + rows * BOX.height + (rows - 1) * ROW_GAP;
  const height = boxesBottom + under.length * LANE + (under.length > 0 ? 8 : 0) + MARGIN + 10;
  const width = MARGIN * 2 + columns.length * BOX.width + Math.max(0, columns.length - 1) * GAP + 24;
  const left = (col: number) => MARGIN + col * (BOX.width + GAP);
  const yOf = (row: number) => top + row * (BOX.height + ROW_GAP);

  const states: LaidState[] = workflow.states.flatMap((s) => {
    const p = place.get(s.key);
    return p ? [{ key: s.key, category: s.category, initial: s.key === workflow.initial, x: left(p.col), y: yOf(p.row) }] : [];
  });

  // Each vertical run in a gap gets its own offset so parallel runs stay apart.
  const channelUse = new Map<number, number>();
  const channel = (gapLeftX: number) => {
    const n = channelUse.get(gapLeftX) ?? 0;
    channelUse.set(gapLeftX, n + 1);
    return gapLeftX + CHANNEL + (n % 8) * 7;
  };

  const edges: LaidEdge[] = known.map((pair) => {
    const a = place.get(pair.from) ?? { col: 0, row: 0 };
    const b = place.get(pair.to) ?? { col: 0, row: 0 };
    const ax = left(a.col);
    const ay = yOf(a.row) + BOX.height / 2;
    const bx = left(b.col);
    const by = yOf(b.row) + BOX.height / 2;
    const kind = kindOf(pair);
    const base = { from: pair.from, to: pair.to, actions: pair.actions, kind };
    if (kind === 'self') {
      const x = ax + BOX.width - 24;
      const y = yOf(a.row);
      return { ...base, path: `M${x},${y} C${x - 8},${y - 30} ${x + 28},${y - 30} ${x + 20},${y}`, label: { x: x + 6, y: y - 30 } };
    }
    if (kind === 'next') {
      const x1 = ax + BOX.width;
      const mid = (x1 + bx) / 2;
      return {
        ...base,
        path: `M${x1},${ay} C${mid},${ay} ${mid},${by} ${bx},${by}`,
        label: { x: mid, y: (ay + by) / 2 - (ay === by ? 8 : 0) },
      };
    }
    if (kind === 'side') {
      const x = channel(ax + BOX.width);
      return {
        ...base,
        path: polyline([
          { x: ax + BOX.width, y: ay },
          { x, y: ay },
          { x, y: by },
          { x: ax + BOX.width, y: by },
        ]),
        label: { x, y: (ay + by) / 2 },
      };
    }
    if (kind === 'over') {
      const lane = MARGIN + 10 + over.indexOf(pair) * LANE;
      const x1 = channel(ax + BOX.width);
      const x2 = bx - CHANNEL - (over.indexOf(pair) % 8) * 7;
      return {
        ...base,
        path: polyline([
          { x: ax + BOX.width, y: ay },
          { x: x1, y: ay },
          { x: x1, y: lane },
          { x: x2, y: lane },
          { x: x2, y: by },
          { x: bx, y: by },
        ]),
        label: { x: (x1 + x2) / 2, y: lane },
      };
    }
    const lane = boxesBottom + 18 + under.indexOf(pair) * LANE;
    const x1 = ax - CHANNEL - (under.indexOf(pair) % 8) * 7;
    const x2 = channel(bx + BOX.width);
    return {
      ...base,
      path: polyline([
        { x: ax, y: ay },
        { x: x1, y: ay },
        { x: x1, y: lane },
        { x: x2, y: lane },
        { x: x2, y: by },
        { x: bx + BOX.width, y: by },
      ]),
      label: { x: (x1 + x2) / 2, y: lane },
    };
  });
  return { width, height, states, edges };
}
