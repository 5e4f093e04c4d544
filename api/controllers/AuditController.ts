import { Controller, Get, Path, Query, Request, Response, Route, Security, Tags } from 'tsoa';
import type { Request as ExRequest } from 'express';
import { z } from 'zod';
import { getTenant } from '../../store/operations/tenants/getTenant';
import { listAuditEvents } from '../../store/operations/audit/listAuditEvents';
import { verifyAuditChain } from '../../store/operations/audit/verifyAuditChain';
import type { AuditEvent } from '../../store/types';
import type { Problem } from '../problem';
import type { ApiDeps } from '../deps';
import { parseInput } from '../input';
import { tenantScope } from './scope';

interface AuditPage {
  events: AuditEvent[];
  /** Pass as `after` for the next page; null on the last page. */
  next: number | null;
}

interface AuditChainCheck {
  ok: boolean;
  /** Events checked, when the chain is intact. */
  count?: number;
  /** seq of the first event whose hash or link does not match. */
  brokenAt?: number;
}

const pageQuery = z.object({ after: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(1000).optional() });

/** The tenant's append-only, hash-chained audit log (admins only). */
@Route('api/v1/tenants/{tenantId}/audit')
@Tags('audit')
export class AuditController extends Controller {
  constructor(private readonly deps: ApiDeps) {
    super();
  }

  /**
   * Audit events in chain order.
   * @param after the `next` of the previous page (a seq)
   * @param limit events per page (1 to 1000, default 100)
   */
  @Get()
  @Security('sluice', ['admin'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async listAudit(@Request() req: ExRequest, @Path() tenantId: string, @Query() after?: number, @Query() limit?: number): Promise<AuditPage> {
    tenantScope(req, tenantId);
    const q = parseInput(pageQuery, { after, limit }, 'audit query');
    await getTenant({ db: this.deps.store.db, id: tenantId });
    const pageSize = q.limit ?? 100;
    const events = await listAuditEvents({ db: this.deps.store.db, tenantId, afterSeq: q.after ?? 0, limit: pageSize });
    const last = events[events.length - 1];
    return { events, next: events.length === pageSize && last ? last.seq : null };
  }

  /** Recomputes the chain: `ok` false names the first event that was altered or removed. */
  @Get('verify')
  @Security('sluice', ['admin'])
  @Response<Problem>(400, 'Invalid input (invalid-input, malformed-json)', undefined, 'application/problem+json')
  @Response<Problem>(401, 'No or invalid token (unauthenticated)', undefined, 'application/problem+json')
  @Response<Problem>(403, 'The role is too low (forbidden)', undefined, 'application/problem+json')
  @Response<Problem>(404, 'No such object for this tenant (not-found)', undefined, 'application/problem+json')
  @Response<Problem>(429, 'Too many requests (rate-limited)', undefined, 'application/problem+json')
  @Response<Problem>(500, 'A bug (internal)', undefined, 'application/problem+json')
  public async verifyAudit(@Request() req: ExRequest, @Path() tenantId: string): Promise<AuditChainCheck> {
    tenantScope(req, tenantId);
    await getTenant({ db: this.deps.store.db, id: tenantId });
    return verifyAuditChain({ db: this.deps.store.db, tenantId });
  }
}
