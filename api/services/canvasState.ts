import { z } from 'zod';

/**
 * A user's canvas for a project (ARCHITECTURE §3 CanvasState): positions, viewport, grouping,
 * collapsed groups and user groups, kept as an append-only event log. The state is a pure fold over
 * the log; undo and redo are events too. Same actions and semantics as the UI's reducer
 * (ui/src/canvas/reducer.ts), which the API may not import; both belong in domain/ once it owns them.
 */

export interface CanvasPoint {
  x: number;
  y: number;
}

export interface CanvasViewport {
  x: number;
  y: number;
  zoom: number;
}

export type CanvasGrouping = 'package' | 'folder' | 'group';

export interface CanvasState {
  /** Positions the user dragged nodes to, by node id. */
  positions: Record<string, CanvasPoint>;
  viewport: CanvasViewport | null;
  grouping: CanvasGrouping;
  /** Collapsed group keys, sorted. */
  collapsed: string[];
  /** User-defined groups: name → member node ids (sorted). */
  groups: Record<string, string[]>;
}

export interface MoveAction { type: 'move'; id: string; x: number; y: number }
export interface ViewportAction { type: 'viewport'; viewport: CanvasViewport }
export interface GroupingAction { type: 'grouping'; grouping: CanvasGrouping }
export interface CollapseAction { type: 'collapse'; keys: string[] }
export interface ExpandAction { type: 'expand'; keys: string[] }
export interface ResetPositionsAction { type: 'reset_positions' }
export interface CreateGroupAction { type: 'create_group'; name: string; members: string[] }
export interface DeleteGroupAction { type: 'delete_group'; name: string }
export interface UndoAction { type: 'undo' }
export interface RedoAction { type: 'redo' }

/** What a client may append (undo and redo have their own routes). */
export type CanvasEdit =
  | MoveAction | ViewportAction | GroupingAction | CollapseAction | ExpandAction | ResetPositionsAction | CreateGroupAction | DeleteGroupAction;
export type CanvasAction = CanvasEdit | UndoAction | RedoAction;

export interface CanvasHistory {
  readonly present: CanvasState;
  readonly past: readonly CanvasState[];
  readonly future: readonly CanvasState[];
}

/** Undo reaches this many steps back (as in the UI); older states stay in the log only. */
export const UNDO_LIMIT = 200;

export const initialCanvas = (): CanvasState => ({ positions: {}, viewport: null, grouping: 'package', collapsed: [], groups: {} });

const nodeId = z.string().min(1).max(512);
const coordinate = z.number().finite().min(-1e7).max(1e7);
const keys = z.array(nodeId).min(1).max(10_000);

/** The zod schema of one appended action (strict: unknown fields are an error). */
export const canvasEditSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('move'), id: nodeId, x: coordinate, y: coordinate }),
  z.strictObject({ type: z.literal('viewport'), viewport: z.strictObject({ x: coordinate, y: coordinate, zoom: z.number().finite().positive().max(100) }) }),
  z.strictObject({ type: z.literal('grouping'), grouping: z.enum(['package', 'folder', 'group']) }),
  z.strictObject({ type: z.literal('collapse'), keys }),
  z.strictObject({ type: z.literal('expand'), keys }),
  z.strictObject({ type: z.literal('reset_positions') }),
  z.strictObject({ type: z.literal('create_group'), name: z.string().trim().min(1).max(200), members: z.array(nodeId).max(10_000) }),
  z.strictObject({ type: z.literal('delete_group'), name: z.string().min(1).max(200) }),
]);

const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** The state after one edit; the same object when nothing changes. */
export function applyEdit(state: CanvasState, action: CanvasEdit): CanvasState {
  switch (action.type) {
    case 'move': {
      const at = state.positions[action.id];
      if (at && at.x === action.x && at.y === action.y) return state;
      return { ...state, positions: { ...state.positions, [action.id]: { x: action.x, y: action.y } } };
    }
    case 'viewport':
      return { ...state, viewport: { ...action.viewport } };
    case 'grouping':
      // Collapsed keys belong to one grouping: switching starts with everything expanded.
      return action.grouping === state.grouping ? state : { ...state, grouping: action.grouping, collapsed: [] };
    case 'collapse': {
      const next = sortedUnique([...state.collapsed, ...action.keys]);
      return next.length === state.collapsed.length ? state : { ...state, collapsed: next };
    }
    case 'expand': {
      const drop = new Set(action.keys);
      const next = state.collapsed.filter((k) => !drop.has(k));
      return next.length === state.collapsed.length ? state : { ...state, collapsed: next };
    }
    case 'reset_positions':
      return Object.keys(state.positions).length === 0 ? state : { ...state, positions: {} };
    case 'create_group':
      return { ...state, groups: { ...state.groups, [action.name]: sortedUnique(action.members) } };
    case 'delete_group': {
      if (!(action.name in state.groups)) return state;
      const { [action.name]: _removed, ...groups } = state.groups;
      return { ...state, groups };
    }
    default: {
      const unreachable: never = action;
      throw new Error(`unknown canvas action ${JSON.stringify(unreachable)}`);
    }
  }
}

export function reduceCanvas(history: CanvasHistory, action: CanvasAction): CanvasHistory {
  switch (action.type) {
    case 'undo': {
      const previous = history.past[history.past.length - 1];
      if (!previous) return history;
      // The viewport is not part of the undo history: it stays where the user is looking.
      return { present: { ...previous, viewport: history.present.viewport }, past: history.past.slice(0, -1), future: [history.present, ...history.future] };
    }
    case 'redo': {
      const [next, ...rest] = history.future;
      if (!next) return history;
      return { present: { ...next, viewport: history.present.viewport }, past: [...history.past, history.present], future: rest };
    }
    default: {
      const present = applyEdit(history.present, action);
      if (present === history.present) return history;
      // Moving the viewport is not an undo step (it would drown the history).
      if (action.type === 'viewport') return { ...history, present };
      return { present, past: [...history.past, history.present].slice(-UNDO_LIMIT), future: [] };
    }
  }
}

/** Replays stored events (in seq order) into the history they produced; unreadable rows are skipped. */
export function replayCanvas(events: ReadonlyArray<{ readonly type: string; readonly payload: unknown }>): CanvasHistory {
  let history: CanvasHistory = { present: initialCanvas(), past: [], future: [] };
  for (const e of events) {
    const action = storedAction(e.type, e.payload);
    if (action) history = reduceCanvas(history, action);
  }
  return history;
}

function storedAction(type: string, payload: unknown): CanvasAction | null {
  if (type === 'undo' || type === 'redo') return { type };
  const parsed = canvasEditSchema.safeParse({ ...(payload !== null && typeof payload === 'object' ? payload : {}), type });
  return parsed.success ? parsed.data : null;
}

/** How an action is stored: its type in the `type` column, the rest as the payload. */
export function storedForm(action: CanvasAction): { type: string; payload: Record<string, unknown> } {
  const { type, ...payload } = action;
  return { type, payload };
}
