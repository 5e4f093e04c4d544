// The entry file the worker bundles: every workflow Sluice runs is exported from here.
export { selfCheckWorkflow } from './selfCheck';
export { planRunWorkflow } from './planRunWorkflow';
export { planRunChunkWorkflow } from './planRunChunkWorkflow';
export { scheduledPlanRunWorkflow } from './scheduledPlanRun';
