export { RunnerError, redactSecrets } from './errors';
export {
  dbtCommands, failureKinds, minSecretLength, nodeStatuses, runNodeRequestSchema, type DbtCommand, type FailureKind,
  type NodeRunResult, type NodeStatus, type ProfileSpec, type RunNodeRequest, type RunnerLogEvent,
} from './protocol';
export { RunnerPool, defaultRunnerDir, type PoolHealth, type RunNodeOptions, type RunnerPoolOptions, type SlotState } from './runnerPool';
