import { Body, Controller, Get, Path, Post, Query, Request, Response, Route, Security, Tags } from 'tsoa';
import type { Request as ExRequest } from 'express';
import { z } from 'zod';
import { appendCanvasEvent } from '../../store/operations/canvas/appendCanvasEvent';
import { listCanvasEvents } from '../../store/operations/canvas/listCanvasEvents';
import { getProject } from '../../store/operations/projects/getProject';
import { actorOf } from '../auth/principal';
import type { ApiDeps } from '../deps';
import { parseInput } from '../input';
import { HttpProblem, type Problem } from '../problem';
import { canvasEditSchema, replayCanvas, storedForm, type CanvasAction, type CanvasEdit, type CanvasState } from '../services/canvasState';
import { idParam, tenantScope } from './scope';

interface CanvasView {
  /** The caller's canvas for the project: the fold of their events. */
  state: CanvasState;
  /** seq of the last event (0 when there is none). */
  seq: number;
  canUndo: boolean;
  canRedo: boolean;
}

interface StoredCanvasEvent {
  seq: number;
  type: string;
  payload: unknown;
  createdAt: string;
}

interface AppendCanvasEvents {
  /** 1 to 100 edits, applied in order. */
  actions: CanvasEdit[];
}

const appendBody = z.strictObject({ actions: z.array(canvasEditSchema).min(1).max(100) });
const afterQuery = z.object({ after: z.number().int().min(0).optional() });

/**
 * Each user's canvas of a project (positions, viewport, groups, collapsed sets, tests shown or not), kept as events so it
 * can be undone, redone and replayed. A caller only ever sees and changes their own canvas.
 */
@Route('api/v1/tenants/{tenantId}/projects/{projectId}/canvas')
@Tags('canvas')
export class CanvasController extends Controller {
  constructor(private readonly deps: ApiDeps) {
    super();
  }

  @Get()
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async getCanvas(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string): Promise<CanvasView> {
    const scope = await this.scope(req, tenantId, projectId);
    return this.view(scope);
  }

  /** The caller's events after `after` (for clients that fold the log themselves). */
  @Get('events')
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async listEvents(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Query() after?: number): Promise<StoredCanvasEvent[]> {
    const scope = await this.scope(req, tenantId, projectId);
    const q = parseInput(afterQuery, { after }, 'canvas query');
    const events = await listCanvasEvents({ db: this.deps.store.db, ...scope, afterSeq: q.after ?? 0 });
    return events.map((e) => ({ seq: e.seq, type: e.type, payload: e.payload, createdAt: e.createdAt }));
  }

  /** Appends edits (all validated first: one bad edit stores none) and answers the new canvas. */
  @Post('events')
  @Security('sluice', ['viewer'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(413, 'The body is over the limit (payload-too-large)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async appendEvents(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string, @Body() body: AppendCanvasEvents): Promise<CanvasView> {
    const scope = await this.scope(req, tenantId, projectId);
    const input = parseInput(appendBody, body, 'canvas events');
    await this.deps.store.db.transaction(async (trx) => {
      for (const action of input.actions) await appendCanvasEvent({ db: trx, ...scope, ...storedForm(action) });
    });
    return this.view(scope);
  }

  /** Undoes the last edit; 409 when there is nothing to undo (nothing is stored then). */
  @Post('undo')
  @Security('sluice', ['viewer'])
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async undo(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string): Promise<CanvasView> {
    return this.step(await this.scope(req, tenantId, projectId), { type: 'undo' });
  }

  /** Redoes the last undone edit; 409 when there is nothing to redo. */
  @Post('redo')
  @Security('sluice', ['viewer'])
  @Response<Problem>(409, 'Conflict (conflict/...)', undefined, 'application/problem+json')
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async redo(@Request() req: ExRequest, @Path() tenantId: string, @Path() projectId: string): Promise<CanvasView> {
    return this.step(await this.scope(req, tenantId, projectId), { type: 'redo' });
  }

  private async step(scope: CanvasScope, action: CanvasAction & { type: 'undo' | 'redo' }): Promise<CanvasView> {
    const before = await this.view(scope);
    if (action.type === 'undo' ? !before.canUndo : !before.canRedo) {
      throw new HttpProblem(409, `conflict/nothing-to-${action.type}`, 'Conflict', `there is nothing to ${action.type} on this canvas`);
    }
    await appendCanvasEvent({ db: this.deps.store.db, ...scope, ...storedForm(action) });
    return this.view(scope);
  }

  private async view(scope: CanvasScope): Promise<CanvasView> {
    const events = await listCanvasEvents({ db: this.deps.store.db, ...scope });
    const history = replayCanvas(events);
    return { state: history.present, seq: events[events.length - 1]?.seq ?? 0, canUndo: history.past.length > 0, canRedo: history.future.length > 0 };
  }

  private async scope(req: ExRequest, tenantId: string, projectId: string): Promise<CanvasScope> {
    const principal = tenantScope(req, tenantId);
    const project = await getProject({ db: this.deps.store.db, tenantId, id: idParam(projectId, 'project') });
    return { tenantId, projectId: project.id, userId: actorOf(principal) };
  }
}

interface CanvasScope {
  tenantId: string;
  projectId: string;
  userId: string;
}
