import type { Knex } from 'knex';
import { ConflictError } from '../../errors';
import { isoNow } from '../../rows';
import type { Run, RunStatus } from '../../types';
import { getRun } from './getRun';
import { allowedNext, isTerminal } from './runTransitions';

/** Moves a run to `status` if the lifecycle allows it; setting the current status again is a no-op. */
export async function updateRunStatus(args: { db: Knex; tenantId: string; id: string; status: RunStatus; now?: Date }): Promise<Run> {
  const { db, tenantId, id, status } = args;
  const run = await getRun({ db, tenantId, id });
  if (run.status === status) return run;
  if (!allowedNext(run.status).includes(status)) {
    throw new ConflictError(`run ${id} cannot go from ${run.status} to ${status}`, 'in_use');
  }
  const at = isoNow(args.now);
  const patch: Record<string, string> = { status, updated_at: at };
  if (status === 'running') patch.started_at = at;
  if (isTerminal(status)) patch.finished_at = at;
  // Compare-and-set on the old status so two writers cannot both move the run.
  const n = await db('runs').where({ tenant_id: tenantId, id, status: run.status }).update(patch);
  if (n === 0) throw new ConflictError(`run ${id} changed while updating`, 'in_use');
  return getRun({ db, tenantId, id });
}
