export { DagScheduler, type SchedulerOptions } from './scheduler';
export { toRunnableNodes } from './compact';
export { splitIntoChunks, blockedInChunk, type Chunk } from './chunks';
export { rerunFromFailure, type RerunOptions } from './rerun';
export { downstreamOf, remainingCriticalPath, topologicalOrder } from './criticalPath';
export { isFinal, needsRerun, nodeStates, type NodeCounts, type NodeOutcome, type NodeState, type RunnableNode } from './types';
