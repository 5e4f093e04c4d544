import { z } from 'zod';
import type { JsonNull } from '../../domain/artifacts/types';
import { reduceCanvas as reduceDomainCanvas, UNDO_LIMIT } from '../../domain/canvas/reducer';

/**
 * A user's canvas for a project (ARCHITECTURE §3 CanvasState): positions, viewport, grouping,
 * collapsed groups, user groups and whether tests are drawn, kept as an append-only event log. The state is a pure fold over
 * the log; undo and redo are events too. The fold is domain/canvas/reducer.ts, shared with the UI;
 * this module holds the API's shapes (for the OpenAPI document), validation and storage form.
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
  viewport: CanvasViewport | JsonNull;
  grouping: CanvasGrouping;
  /** Collapsed group keys, sorted. */
  collapsed: string[];
  /** User-defined groups: name → member node ids (sorted). */
  groups: Record<string, string[]>;
  /** Whether data tests and unit tests are drawn as nodes (false by default, and for logs from before `show_tests`). */
  showTests: boolean;
}

export interface MoveAction { type: 'move'; id: string; x: number; y: number }
export interface ViewportAction { type: 'viewport'; viewport: CanvasViewport }
export interface GroupingAction { type: 'grouping'; grouping: CanvasGrouping }
export interface CollapseAction { type: 'collapse'; keys: string[] }
export interface ExpandAction { type: 'expand'; keys: string[] }
export interface ResetPositionsAction { type: 'reset_positions' }
export interface CreateGroupAction { type: 'create_group'; name: string; members: string[] }
export interface DeleteGroupAction { type: 'delete_group'; name: string }
export interface ShowTestsAction { type: 'show_tests'; show: boolean }
export interface UndoAction { type: 'undo' }
export interface RedoAction { type: 'redo' }

/** What a client may append (undo and redo have their own routes). */
export type CanvasEdit =
  | MoveAction | ViewportAction | GroupingAction | CollapseAction | ExpandAction | ResetPositionsAction | CreateGroupAction | DeleteGroupAction | ShowTestsAction;
export type CanvasAction = CanvasEdit | UndoAction | RedoAction;

export interface CanvasHistory {
  readonly present: CanvasState;
  readonly past: readonly CanvasState[];
  readonly future: readonly CanvasState[];
}

export { UNDO_LIMIT };

export const initialCanvas = (): CanvasState => ({ positions: {}, viewport: null, grouping: 'package', collapsed: [], groups: {}, showTests: false });

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
  z.strictObject({ type: z.literal('show_tests'), show: z.boolean() }),
]);

export function reduceCanvas(history: CanvasHistory, action: CanvasAction): CanvasHistory {
  // The domain's states are readonly; these shapes differ only in that (for the OpenAPI document),
  // and nothing here mutates a state.
  return reduceDomainCanvas(history, action) as CanvasHistory;
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
