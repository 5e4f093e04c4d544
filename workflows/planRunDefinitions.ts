import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ApproveSignal, PlanRunStatus, RejectSignal } from './planRunTypes';

/** Approve the plan whose hash is given; the API has checked the approver's role. */
export const approveSignal = defineSignal<[ApproveSignal]>('approve');
/** Reject the plan whose hash is given: the run ends `canceled`. */
export const rejectSignal = defineSignal<[RejectSignal]>('reject');
export const statusQuery = defineQuery<PlanRunStatus>('status');

/**
 * The run's search attributes, as registered by temporal/searchAttributes.ts (which workflow code may
 * not import); a unit test keeps the two lists equal.
 */
export const runSearchAttributes = {
  tenant: defineSearchAttributeKey('SluiceTenant', SearchAttributeType.KEYWORD),
  project: defineSearchAttributeKey('SluiceProject', SearchAttributeType.KEYWORD),
  environment: defineSearchAttributeKey('SluiceEnvironment', SearchAttributeType.KEYWORD),
  plan: defineSearchAttributeKey('SluicePlan', SearchAttributeType.KEYWORD),
  runStatus: defineSearchAttributeKey('SluiceRunStatus', SearchAttributeType.KEYWORD),
} as const;
