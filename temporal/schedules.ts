// Sluice schedules as Temporal Schedules: each one's action starts `scheduledPlanRunWorkflow`, which
// plans the schedule's selection at the scheduled time and runs the plan as a child planRunWorkflow.
// Pure mapping (definition → ScheduleOptions) plus thin calls on the Temporal schedule client.
import {
  ScheduleNotFoundError, type Client, type ScheduleDescription, type ScheduleHandle, type ScheduleOptions, type ScheduleOverlapPolicy,
  type ScheduleSpec,
} from '@temporalio/client';
import type { scheduledPlanRunWorkflow, ScheduledPlanRunInput } from '../workflows/scheduledPlanRun';
import { searchAttributeKeys } from './searchAttributes';

/** Sluice's names of Temporal's overlap policies (what the API and CLI accept). */
export const OVERLAP_POLICIES = ['skip', 'buffer_one', 'buffer_all', 'cancel_other', 'terminate_other', 'allow_all'] as const;
export type OverlapPolicy = (typeof OVERLAP_POLICIES)[number];

export function toTemporalOverlap(policy: OverlapPolicy): ScheduleOverlapPolicy {
  switch (policy) {
    case 'skip':
      return 'SKIP';
    case 'buffer_one':
      return 'BUFFER_ONE';
    case 'buffer_all':
      return 'BUFFER_ALL';
    case 'cancel_other':
      return 'CANCEL_OTHER';
    case 'terminate_other':
      return 'TERMINATE_OTHER';
    case 'allow_all':
      return 'ALLOW_ALL';
    default: {
      const unreachable: never = policy;
      throw new Error(`unknown overlap policy ${String(unreachable)}`);
    }
  }
}

/** When a schedule fires: a cron expression, or a fixed interval (both in `timeZone`). */
export type ScheduleTiming =
  | { readonly kind: 'cron'; readonly cron: string }
  | { readonly kind: 'interval'; readonly everySeconds: number; readonly offsetSeconds: number };

/** Everything Temporal needs to know of a Sluice schedule. */
export interface SluiceScheduleDefinition {
  readonly tenantId: string;
  readonly projectId: string;
  readonly scheduleId: string;
  readonly environmentId: string;
  readonly name: string;
  readonly timing: ScheduleTiming;
  /** IANA name (`Europe/Paris`, `UTC`). */
  readonly timeZone: string;
  readonly overlap: OverlapPolicy;
  readonly select: string | null;
  readonly exclude: string | null;
  readonly selector: string | null;
}

/** Schedule id (and the base of the workflow ids its actions get): `schedule/<tenant>/<schedule>`. */
export function temporalScheduleId(tenantId: string, scheduleId: string): string {
  return `schedule/${tenantId}/${scheduleId}`;
}

function specOf(def: SluiceScheduleDefinition): ScheduleSpec {
  const timing = def.timing;
  switch (timing.kind) {
    case 'cron':
      return { cronExpressions: [timing.cron], timezone: def.timeZone };
    case 'interval':
      return { intervals: [{ every: timing.everySeconds * 1000, offset: timing.offsetSeconds * 1000 }], timezone: def.timeZone };
    default: {
      const unreachable: never = timing;
      throw new Error(`unknown schedule timing ${JSON.stringify(unreachable)}`);
    }
  }
}

const attributesOf = (def: SluiceScheduleDefinition) => [
  { key: searchAttributeKeys.tenant, value: def.tenantId },
  { key: searchAttributeKeys.project, value: def.projectId },
  { key: searchAttributeKeys.environment, value: def.environmentId },
];

/** The schedule's spec, action and policies (what create and update send). */
export function scheduleBody(def: SluiceScheduleDefinition, taskQueue: string) {
  const input: ScheduledPlanRunInput = {
    tenantId: def.tenantId, projectId: def.projectId, scheduleId: def.scheduleId, environmentId: def.environmentId,
    select: def.select, exclude: def.exclude, selector: def.selector,
  };
  return {
    spec: specOf(def),
    action: {
      type: 'startWorkflow' as const,
      workflowType: 'scheduledPlanRunWorkflow',
      workflowId: temporalScheduleId(def.tenantId, def.scheduleId),
      taskQueue,
      args: [input] as Parameters<typeof scheduledPlanRunWorkflow>,
      memo: { tenantId: def.tenantId, projectId: def.projectId, environmentId: def.environmentId, scheduleId: def.scheduleId },
      typedSearchAttributes: attributesOf(def),
    },
    policies: { overlap: toTemporalOverlap(def.overlap) },
  } satisfies Omit<ScheduleOptions, 'scheduleId'>;
}

/** Temporal found the spec invalid (a cron field out of range, an unknown time zone): bad input, not an outage. */
export class InvalidScheduleSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidScheduleSpecError';
  }
}

/** The SDK reports the server's "Invalid schedule spec" as a bare TypeError; name it. */
async function specChecked(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (err) {
    if (err instanceof TypeError) throw new InvalidScheduleSpecError(err.message);
    throw err;
  }
}

export async function createTemporalSchedule(client: Client, taskQueue: string, def: SluiceScheduleDefinition, state: { paused: boolean; note?: string }): Promise<void> {
  await specChecked(() => client.schedule.create({
    scheduleId: temporalScheduleId(def.tenantId, def.scheduleId),
    ...scheduleBody(def, taskQueue),
    memo: { tenantId: def.tenantId, projectId: def.projectId, environmentId: def.environmentId, name: def.name },
    typedSearchAttributes: attributesOf(def),
    state: { paused: state.paused, ...(state.note ? { note: state.note } : {}) },
  }));
}

/** Replaces spec, action and overlap policy; keeps the paused state and note. */
export async function updateTemporalSchedule(client: Client, taskQueue: string, def: SluiceScheduleDefinition): Promise<void> {
  await specChecked(() => handleOf(client, def.tenantId, def.scheduleId).update((previous) => {
    const body = scheduleBody(def, taskQueue);
    return {
      ...body,
      policies: { ...previous.policies, overlap: body.policies.overlap },
      typedSearchAttributes: attributesOf(def),
      state: { paused: previous.state.paused, ...(previous.state.note ? { note: previous.state.note } : {}) },
    };
  }));
}

export function handleOf(client: Client, tenantId: string, scheduleId: string): ScheduleHandle {
  return client.schedule.getHandle(temporalScheduleId(tenantId, scheduleId));
}

/** The schedule's description, or null when Temporal has no such schedule. */
export async function describeTemporalSchedule(client: Client, tenantId: string, scheduleId: string): Promise<ScheduleDescription | null> {
  try {
    return await handleOf(client, tenantId, scheduleId).describe();
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return null;
    throw err;
  }
}

/** Deletes the Temporal schedule; one that is already gone is fine. Runs it started go on. */
export async function deleteTemporalSchedule(client: Client, tenantId: string, scheduleId: string): Promise<void> {
  try {
    await handleOf(client, tenantId, scheduleId).delete();
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
}
