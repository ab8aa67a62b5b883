import { STATE_CATEGORIES, type StateCategory, type Workflow } from '@keel/shared';

/**
 * Lays a workflow out for the diagram: states as boxes in one column per category (new →
 * active → pending → resolved → closed → cancelled), transitions as arrows, one per pair of
 * states with every action between them. An arrow to the next column is a curve across the
 * gap; a longer one rises to a lane of its own above the boxes (from a box's top, or through
 * the gap beside a lower box), a backward one drops to a lane below, and one within a column
 * runs down the gap beside it; so no two lane labels share a height.
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
  // Lanes nest: the longest arrow runs furthest from the boxes, so arrows cross as little as possible.
  const span = (p: { from: string; to: string }) => Math.abs((place.get(p.to)?.col ?? 0) - (place.get(p.from)?.col ?? 0));
  const over = known.filter((p) => kindOf(p) === 'over').sort((p, q) => span(q) - span(p));
  const under = known.filter((p) => kindOf(p) === 'under').sort((p, q) => span(p) - span(q));

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
  /**
   * Where an arrow sits among those sharing one edge of a box, in lane order (above: outermost
   * first; below: innermost first), which with the attachment sides below keeps them from crossing.
   */
  const rank = <P>(lanes: P[], pair: P, shares: (p: P) => boolean) => lanes.filter(shares).indexOf(pair);
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
    const lastRow = (key: string) => {
      const p = place.get(key);
      return p !== undefined && p.row === (rowsOf[p.col]?.length ?? 1) - 1;
    };
    // Outgoing arrows leave from the left part of a box's edge, incoming ones arrive at the right
    // part, ordered by lane so that arrows to and from one box do not cross each other.
    const out = (lanes: typeof over, x: number) => x + 16 + (rank(lanes, pair, (p) => p.from === pair.from) % 6) * 12;
    const into = (lanes: typeof over, x: number) => x + BOX.width - 16 - (rank(lanes, pair, (p) => p.to === pair.to) % 6) * 12;
    if (kind === 'over') {
      const i = over.indexOf(pair);
      const lane = MARGIN + 10 + i * LANE;
      // A box in the first row reaches the lanes from its top; a lower one through the gap beside it.
      const start: Point[] =
        a.row === 0
          ? [{ x: out(over, ax), y: yOf(0) }]
          : [
              { x: ax + BOX.width, y: ay },
              { x: channel(ax + BOX.width), y: ay },
            ];
      const end: Point[] =
        b.row === 0
          ? [{ x: into(over, bx), y: yOf(0) }]
          : [
              { x: bx - CHANNEL - (i % 8) * 7, y: by },
              { x: bx, y: by },
            ];
      const sx = start[start.length - 1]?.x ?? ax;
      const ex = end[0]?.x ?? bx;
      return { ...base, path: polyline([...start, { x: sx, y: lane }, { x: ex, y: lane }, ...end]), label: { x: (sx + ex) / 2, y: lane } };
    }
    const i = under.indexOf(pair);
    const lane = boxesBottom + 18 + i * LANE;
    const start: Point[] = lastRow(pair.from)
      ? [{ x: out(under, ax), y: ay + BOX.height / 2 }]
      : [
          { x: ax, y: ay },
          { x: ax - CHANNEL - (i % 8) * 7, y: ay },
        ];
    const end: Point[] = lastRow(pair.to)
      ? [{ x: into(under, bx), y: by + BOX.height / 2 }]
      : [
          { x: channel(bx + BOX.width), y: by },
          { x: bx + BOX.width, y: by },
        ];
    const sx = start[start.length - 1]?.x ?? ax;
    const ex = end[0]?.x ?? bx;
    return { ...base, path: polyline([...start, { x: sx, y: lane }, { x: ex, y: lane }, ...end]), label: { x: (sx + ex) / 2, y: lane } };
  });
  return { width, height, states, edges };
}
