/** How the canvas groups nodes when it collapses them. */
export type Grouping = 'package' | 'folder' | 'group';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * CanvasState (ARCHITECTURE §3) — positions, viewport, user groups, collapsed groups, grouping,
 * whether tests are drawn — per
 * user and project, kept as an append-only list of events. The state is a pure fold over the
 * events, so a saved log replays to the same canvas, and undo/redo are events too (they are in the
 * log). The UI folds events as the user works; the API folds the stored log: both use this module.
 */

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

export interface CanvasState {
  /** Positions the user dragged nodes to, by node id; other nodes sit where the layout put them. */
  readonly positions: Readonly<Record<string, Point>>;
  readonly viewport: Viewport | null;
  readonly grouping: Grouping;
  /** Collapsed group keys, sorted. */
  readonly collapsed: readonly string[];
  /** User-defined groups: name → member node ids (sorted). */
  readonly groups: Readonly<Record<string, readonly string[]>>;
  /**
   * Whether data tests and unit tests are drawn as nodes. Off by default (as dbt Explorer and dbt
   * docs draw lineage): about half a project's nodes are tests. A log without `show_tests` events
   * (older ones) replays with tests hidden.
   */
  readonly showTests: boolean;
}

export type CanvasAction =
  | { readonly type: 'move'; readonly id: string; readonly x: number; readonly y: number }
  | { readonly type: 'viewport'; readonly viewport: Viewport }
  | { readonly type: 'grouping'; readonly grouping: Grouping }
  | { readonly type: 'collapse'; readonly keys: readonly string[] }
  | { readonly type: 'expand'; readonly keys: readonly string[] }
  | { readonly type: 'reset_positions' }
  | { readonly type: 'create_group'; readonly name: string; readonly members: readonly string[] }
  | { readonly type: 'delete_group'; readonly name: string }
  | { readonly type: 'show_tests'; readonly show: boolean }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' };

export interface CanvasEvent {
  /** Position in the log (1, 2, ...). */
  readonly seq: number;
  readonly action: CanvasAction;
}

export interface CanvasHistory {
  readonly present: CanvasState;
  readonly past: readonly CanvasState[];
  readonly future: readonly CanvasState[];
}

/** Undo reaches this many steps back; older states are forgotten (the log still has them). */
export const UNDO_LIMIT = 200;

export const INITIAL_CANVAS: CanvasState = { positions: {}, viewport: null, grouping: 'package', collapsed: [], groups: {}, showTests: false };

export const initialHistory = (present: CanvasState = INITIAL_CANVAS): CanvasHistory => ({ present, past: [], future: [] });

const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** The state after one (non-history) action; the same object when nothing changes. */
export function applyAction(state: CanvasState, action: Exclude<CanvasAction, { type: 'undo' | 'redo' }>): CanvasState {
  switch (action.type) {
    case 'move': {
      const at = state.positions[action.id];
      if (at && at.x === action.x && at.y === action.y) return state;
      return { ...state, positions: { ...state.positions, [action.id]: { x: action.x, y: action.y } } };
    }
    case 'viewport':
      return { ...state, viewport: action.viewport };
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
    case 'show_tests':
      return action.show === state.showTests ? state : { ...state, showTests: action.show };
    default: {
      const unreachable: never = action;
      throw new Error(`unknown canvas action ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Whether an action is a step of the undo history; moving the viewport is not (it would drown the history). */
const undoable = (action: CanvasAction): boolean => action.type !== 'viewport';

export function reduceCanvas(history: CanvasHistory, action: CanvasAction): CanvasHistory {
  switch (action.type) {
    case 'undo': {
      const previous = history.past[history.past.length - 1];
      if (!previous) return history;
      // The viewport is not part of the history: it stays where the user is looking.
      return { present: { ...previous, viewport: history.present.viewport }, past: history.past.slice(0, -1), future: [history.present, ...history.future] };
    }
    case 'redo': {
      const [next, ...rest] = history.future;
      if (!next) return history;
      return { present: { ...next, viewport: history.present.viewport }, past: [...history.past, history.present], future: rest };
    }
    default: {
      const present = applyAction(history.present, action);
      if (present === history.present) return history;
      if (!undoable(action)) return { ...history, present };
      return { present, past: [...history.past, history.present].slice(-UNDO_LIMIT), future: [] };
    }
  }
}

/** Replays a saved log (in seq order) into the history it produced. */
export function replayCanvas(events: readonly CanvasEvent[], start: CanvasHistory = initialHistory()): CanvasHistory {
  return [...events].sort((a, b) => a.seq - b.seq).reduce((h, e) => reduceCanvas(h, e.action), start);
}
