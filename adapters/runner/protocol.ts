// The JSON-lines protocol between the TypeScript pool and the Python runner (runner/sluice_runner).
// Requests are validated before they are sent and every line that comes back is parsed with zod:
// a runner that says something unexpected is a crashed runner, not a silent `any`.
import { z } from 'zod';

export const dbtCommands = ['run', 'test', 'seed', 'snapshot', 'build'] as const;
export type DbtCommand = (typeof dbtCommands)[number];

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/);
// These values end up inside a SQL comment: no comment terminator, no control characters.
const commentSafe = z.string().min(1).max(200).refine(
  (v) => !/[*/\\]/.test(v) && [...v].every((c) => c.charCodeAt(0) >= 32),
  'may not contain *, /, \\ or control characters',
);
/** Secrets shorter than this would mask ordinary words in logs; the runner refuses to guess. */
export const minSecretLength = 4;
const secretValue = z.string().min(minSecretLength, `secret values must be at least ${minSecretLength} characters`);

export const profileSpecSchema = z.object({
  /** dbt adapter type: duckdb, postgres, snowflake, oracle, ... */
  type: identifier,
  /** Non-secret profile fields, written as they are into the generated profiles.yml. */
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
  /** Secret profile fields: only `env_var()` references reach the file; values live in memory. */
  secrets: z.record(identifier, secretValue).default({}),
  threads: z.number().int().min(1).max(64).default(1),
});
export type ProfileSpec = z.input<typeof profileSpecSchema>;

export const runNodeRequestSchema = z.object({
  projectDir: z.string().min(1),
  /** Parsed manifests are cached per (projectDir, projectVersion, target, profile type and settings, vars). */
  projectVersion: z.string().min(1),
  target: identifier,
  profile: profileSpecSchema,
  uniqueId: z.string().regex(/^[A-Za-z0-9_.-]{1,512}$/),
  command: z.enum(dbtCommands),
  /** Carried by every query as dbt's query-comment (query_tag on Snowflake). */
  query: z.object({ runId: commentSafe, nodeUuid: commentSafe, tenant: commentSafe, environment: commentSafe }),
  vars: z.record(z.string(), z.unknown()).default({}),
  fullRefresh: z.boolean().default(false),
  /** Plain environment variables for the invocation (`env_var()` in the project). */
  env: z.record(z.string(), z.string()).default({}),
  /** Secret environment variables for the invocation; redacted from everything returned. */
  secretEnv: z.record(z.string(), secretValue).default({}),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});
export type RunNodeRequest = z.input<typeof runNodeRequestSchema>;
export type ValidRunNodeRequest = z.output<typeof runNodeRequestSchema>;

export const logEventSchema = z.object({
  ts: z.string(),
  level: z.string(),
  name: z.string(),
  msg: z.string(),
  nodeId: z.string().nullable(),
});
export type RunnerLogEvent = z.infer<typeof logEventSchema>;

/** Failure kinds named by the runner (runner/sluice_runner/classify.py) or by the pool. */
export const failureKinds = [
  'compilation', 'test_failure', 'database', 'runtime', 'connection', 'transient', 'configuration',
  'internal', 'canceled', 'protocol', 'runner_crashed', 'runner_timeout',
] as const;
export type FailureKind = (typeof failureKinds)[number];

export const nodeStatuses = ['success', 'error', 'fail', 'warn', 'pass', 'skipped', 'canceled', 'runtime error'] as const;
export type NodeStatus = (typeof nodeStatuses)[number];

const timingSchema = z.object({ name: z.string(), startedAt: z.string().nullable(), completedAt: z.string().nullable() });

export const resultMessageSchema = z.object({
  type: z.literal('result'),
  id: z.string(),
  status: z.enum(nodeStatuses),
  executionTime: z.number().nullable().optional(),
  timing: z.array(timingSchema).optional(),
  adapterResponse: z.record(z.string(), z.unknown()).optional(),
  message: z.string().nullable().optional(),
  failures: z.number().nullable().optional(),
  compiledPath: z.string().nullable().optional(),
  compiledCode: z.string().nullable().optional(),
  error: z.object({ kind: z.enum(failureKinds), message: z.string() }).nullable().optional(),
  cacheHit: z.boolean().optional(),
  parseMs: z.number().optional(),
  invocationMs: z.number().optional(),
  wallMs: z.number(),
});

export const runnerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), pid: z.number(), dbtVersion: z.string() }),
  z.object({ type: z.literal('log'), id: z.string(), event: logEventSchema }),
  resultMessageSchema,
  z.object({ type: z.literal('pong'), id: z.string().nullable() }),
  z.object({
    type: z.literal('error'),
    id: z.string().nullable(),
    error: z.object({ kind: z.enum(failureKinds), message: z.string() }),
  }),
]);
export type RunnerMessage = z.infer<typeof runnerMessageSchema>;
export type ResultMessage = z.infer<typeof resultMessageSchema>;

/** dbt's result for one node, the shape the workflow records as a NodeRun. */
export interface NodeRunResult {
  readonly uniqueId: string;
  readonly status: NodeStatus;
  /** dbt's own execution_time for the node, seconds. */
  readonly executionTime: number | null;
  readonly timing: ReadonlyArray<z.infer<typeof timingSchema>>;
  readonly adapterResponse: Readonly<Record<string, unknown>>;
  readonly message: string | null;
  readonly failures: number | null;
  readonly compiledPath: string | null;
  readonly compiledCode: string | null;
  readonly error: { readonly kind: FailureKind; readonly message: string } | null;
  readonly logs: readonly RunnerLogEvent[];
  /** Wall time of the request as seen by the pool, milliseconds. */
  readonly wallMs: number;
  readonly cacheHit: boolean;
  readonly runnerPid: number;
}
