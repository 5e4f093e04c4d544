/**
 * Hand-built ExecutionPlans for the run workflow's tests: a node is `{ id, deps }`; the rest gets
 * defaults. Sealed with the real hash function, so the workflow's hash check is exercised.
 */
import type { NodeKind } from '../../../domain/artifacts/types';
import { sealPlan } from '../../../domain/plan/canonical';
import type { DbtCommand, ExecutionPlan, PlanAction, PlanApprovals, PlanNode } from '../../../domain/plan/types';

export interface NodeSpec {
  readonly id: string;
  readonly deps?: readonly string[];
  readonly action?: PlanAction;
  readonly seconds?: number;
  readonly priority?: number;
  readonly vars?: Record<string, string>;
}

export interface PlanSpec {
  readonly id?: string;
  readonly projectId?: string;
  readonly environmentId?: string;
  readonly concurrency?: number;
  readonly approvals?: Partial<PlanApprovals>;
  readonly nodes: readonly NodeSpec[];
}

const commandOf = (kind: NodeKind): DbtCommand => (kind === 'seed' ? 'seed' : kind === 'snapshot' ? 'snapshot' : kind === 'test' ? 'test' : 'run');

/** A deterministic v4-shaped uuid for a node index (node_uuid columns are 36 characters). */
export function fakeUuid(i: number): string {
  const hex = i.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

export function planNode(spec: NodeSpec, i: number): PlanNode {
  const kind = spec.id.split('.')[0] as NodeKind;
  const seconds = spec.seconds ?? 1;
  return {
    uniqueId: spec.id,
    nodeUuid: fakeUuid(i),
    kind,
    name: spec.id.split('.').slice(-1)[0] as string,
    action: spec.action ?? 'RUN',
    command: commandOf(kind),
    fullRefresh: false,
    vars: spec.vars ?? {},
    partition: null,
    priority: spec.priority ?? 0,
    upstream: [...(spec.deps ?? [])].sort(),
    estimate: { seconds, cost: 0, basis: 'default', detail: 'test' },
    reasons: [],
  };
}

export function makePlan(spec: PlanSpec): ExecutionPlan {
  const nodes = spec.nodes.map(planNode);
  const run = nodes.filter((n) => n.action !== 'SKIP');
  return sealPlan({
    formatVersion: 1,
    id: spec.id ?? 'plan-test',
    projectId: spec.projectId ?? 'project-test',
    environment: { id: spec.environmentId ?? 'env-test', name: 'dev' },
    createdAt: '2026-11-20T00:00:00.000Z',
    requestedBy: spec.approvals?.requestedBy ?? 'requester',
    selection: { select: null, exclude: null, named: [], fullRefresh: false, ignored: [] },
    settings: { concurrency: spec.concurrency ?? 4, costRatePerHour: 0, budget: null, budgetMode: 'approve', defaultEstimateSeconds: 1 },
    policies: [],
    nodes,
    totals: {
      nodes: {
        RUN: nodes.filter((n) => n.action === 'RUN').length,
        SKIP: nodes.filter((n) => n.action === 'SKIP').length,
        PARTIAL: nodes.filter((n) => n.action === 'PARTIAL').length,
        total: nodes.length,
      },
      estimatedSeconds: run.reduce((s, n) => s + n.estimate.seconds, 0),
      makespanSeconds: 0,
      concurrency: spec.concurrency ?? 4,
      estimatedCost: 0,
      skippedSeconds: 0,
      budget: null,
    },
    approvals: {
      required: spec.approvals?.required ?? false,
      rules: spec.approvals?.rules ?? [],
      separationOfDuties: spec.approvals?.separationOfDuties ?? false,
      requestedBy: spec.approvals?.requestedBy ?? 'requester',
    },
    decisions: [],
    explanation: ['test plan'],
  });
}

/** A layered DAG of `count` no-op models: each node depends on up to `fanIn` nodes of the previous layer. */
export function generatedNodes(count: number, width: number, fanIn = 2): NodeSpec[] {
  const specs: NodeSpec[] = [];
  const name = (i: number) => `model.big.m_${String(i).padStart(5, '0')}`;
  for (let i = 0; i < count; i++) {
    const layer = Math.floor(i / width);
    const deps: string[] = [];
    if (layer > 0) {
      const base = (layer - 1) * width;
      for (let k = 0; k < fanIn; k++) deps.push(name(base + ((i * 7 + k * 13) % width)));
    }
    specs.push({ id: name(i), deps: [...new Set(deps)], seconds: 1 + (i % 5) });
  }
  return specs;
}
