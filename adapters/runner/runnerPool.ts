// The warm dbt runner pool: `size` long-lived Python processes, one node at a time each (dbt's
// programmatic API is not safe for concurrent invocations in one process). Hang detection, crash
// replacement and cancellation live here; see docs/adr/0005-warm-dbt-runner.md.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { RunnerError, redactSecrets } from './errors';
import {
  type NodeRunResult, type ResultMessage, type RunNodeRequest, type RunnerLogEvent, runNodeRequestSchema,
  type ValidRunNodeRequest,
} from './protocol';
import { RunnerProcess } from './runnerProcess';

export interface RunnerPoolOptions {
  readonly size: number;
  readonly pythonPath: string;
  /** Folder holding the `sluice_runner` package; defaults to the repository's runner/. */
  readonly runnerDir?: string;
  /** How long a new process may take to import dbt and say ready. */
  readonly readyTimeoutMs?: number;
  /** Default per-request limit; a request over it is a hung runner: interrupted, replaced, retryable. */
  readonly requestTimeoutMs?: number;
  /** After an interrupt, how long dbt gets to cancel its queries before the group is killed. */
  readonly cancelGraceMs?: number;
  readonly env?: Readonly<Record<string, string>>;
}

export interface RunNodeOptions {
  readonly signal?: AbortSignal;
  readonly onLog?: (event: RunnerLogEvent) => void;
  readonly timeoutMs?: number;
}

export type SlotState = 'starting' | 'idle' | 'busy' | 'stopped';

export interface PoolHealth {
  readonly size: number;
  readonly ready: number;
  readonly slots: ReadonlyArray<{
    index: number; state: SlotState; pid: number | null; served: number; restarts: number;
    /** The process's private (0700) work dir: project copies, generated profiles, dbt's target/. */
    workDir: string | null;
  }>;
}

interface Slot {
  readonly index: number;
  proc: RunnerProcess | null;
  state: SlotState;
  served: number;
  restarts: number;
}

export function defaultRunnerDir(): string {
  return resolve(__dirname, '..', '..', 'runner');
}

export class RunnerPool {
  private readonly waiters: Array<(slot: Slot | null) => void> = [];
  private stopped = false;
  private readonly refills = new Set<Promise<void>>();

  private constructor(private readonly options: Required<Omit<RunnerPoolOptions, 'env'>> & Pick<RunnerPoolOptions, 'env'>, private readonly slots: Slot[]) {}

  /** Starts every process and resolves when all have loaded dbt. */
  static async start(options: RunnerPoolOptions): Promise<RunnerPool> {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RunnerError('configuration', 'pool size must be a positive integer');
    const full = {
      runnerDir: defaultRunnerDir(), readyTimeoutMs: 60_000, requestTimeoutMs: 2 * 3600_000, cancelGraceMs: 15_000, ...options,
    };
    const slots: Slot[] = Array.from({ length: options.size }, (_, index) => ({ index, proc: null, state: 'starting', served: 0, restarts: 0 }));
    const pool = new RunnerPool(full, slots);
    try {
      await Promise.all(slots.map(async (slot) => {
        pool.attach(slot, await pool.spawn());
        slot.state = 'idle';
      }));
    } catch (e) {
      await pool.stop();
      throw e;
    }
    return pool;
  }

  /** Runs one dbt node on the next free process. Node failures are results; runner failures throw RunnerError. */
  async runNode(request: RunNodeRequest, options: RunNodeOptions = {}): Promise<NodeRunResult> {
    const parsed = runNodeRequestSchema.safeParse(request);
    if (!parsed.success) throw new RunnerError('configuration', `invalid run request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const valid = parsed.data;
    const started = performance.now();
    if (options.signal?.aborted) return canceledResult(valid.uniqueId, 0, -1);
    const slot = await this.acquire(options.signal);
    if (!slot) {
      if (options.signal?.aborted) return canceledResult(valid.uniqueId, performance.now() - started, -1);
      throw new RunnerError('runner_crashed', 'runner pool is stopped');
    }
    return this.runOnSlot(slot, valid, options, started);
  }

  health(): PoolHealth {
    return {
      size: this.slots.length,
      ready: this.slots.filter((s) => (s.state === 'idle' || s.state === 'busy') && s.proc?.alive).length,
      slots: this.slots.map((s) => ({
        index: s.index, state: s.state, pid: s.proc?.pid ?? null, served: s.served, restarts: s.restarts, workDir: s.proc?.workDir ?? null,
      })),
    };
  }

  /** Stops every process (a running node is killed) and removes their work dirs. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const waiter of this.waiters.splice(0)) waiter(null);
    await Promise.all([...this.refills]);
    await Promise.all(this.slots.map(async (slot) => {
      const proc = slot.proc;
      slot.state = 'stopped';
      slot.proc = null;
      if (!proc) return;
      if (proc.busy) proc.kill();
      await proc.stop();
    }));
  }

  private async runOnSlot(slot: Slot, request: ValidRunNodeRequest, options: RunNodeOptions, started: number): Promise<NodeRunResult> {
    const proc = slot.proc;
    if (!proc) throw new RunnerError('internal', 'acquired a slot without a process');
    const logs: RunnerLogEvent[] = [];
    const secrets = [...Object.values(request.profile.secrets), ...Object.values(request.secretEnv)];
    const interruption: { reason: 'none' | 'canceled' | 'timeout' } = { reason: 'none' };
    let graceTimer: NodeJS.Timeout | undefined;
    const interrupt = (why: 'canceled' | 'timeout') => {
      if (interruption.reason !== 'none') return;
      interruption.reason = why;
      proc.interrupt();
      graceTimer = setTimeout(() => proc.kill(), this.options.cancelGraceMs);
    };
    const onAbort = () => interrupt('canceled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timeout = setTimeout(() => interrupt('timeout'), options.timeoutMs ?? this.options.requestTimeoutMs);
    let message: ResultMessage;
    try {
      message = await proc.run(randomUUID(), request, (event) => {
        logs.push(event);
        options.onLog?.(event);
      });
    } catch (e) {
      const reason = interruption.reason;
      const err = e instanceof RunnerError ? e : new RunnerError('internal', String(e));
      // The runner refused the request but is healthy (e.g. a protocol error): keep it.
      if (reason === 'none' && err.kind !== 'runner_crashed' && proc.alive) {
        this.release(slot);
        throw new RunnerError(err.kind, redactSecrets(err.message, secrets));
      }
      this.replace(slot);
      if (reason === 'canceled') return canceledResult(request.uniqueId, performance.now() - started, proc.pid, logs);
      if (reason === 'timeout') throw new RunnerError('runner_timeout', `dbt node ${request.uniqueId} exceeded its time limit; runner ${proc.pid} replaced`);
      const tail = redactSecrets(proc.stderr.trim().split('\n').slice(-5).join('\n'), secrets);
      throw new RunnerError('runner_crashed', `${redactSecrets(err.message, secrets)} while running ${request.uniqueId}${tail ? `: ${tail}` : ''}`);
    } finally {
      clearTimeout(timeout);
      clearTimeout(graceTimer);
      options.signal?.removeEventListener('abort', onAbort);
    }
    slot.served += 1;
    const reason = interruption.reason;
    if (reason === 'timeout') {
      this.replace(slot);
      throw new RunnerError('runner_timeout', `dbt node ${request.uniqueId} exceeded its time limit`);
    }
    // A canceled invocation may leave dbt's global state half torn down: start a fresh process.
    if (message.status === 'canceled' || reason === 'canceled') this.replace(slot);
    else this.release(slot);
    return toResult(request.uniqueId, message, logs, performance.now() - started, proc.pid, reason === 'canceled');
  }

  private acquire(signal?: AbortSignal): Promise<Slot | null> {
    if (this.stopped) return Promise.resolve(null);
    const idle = this.slots.find((s) => s.state === 'idle');
    if (idle) {
      idle.state = 'busy';
      return Promise.resolve(idle);
    }
    return new Promise((resolveSlot) => {
      const waiter = (slot: Slot | null) => {
        signal?.removeEventListener('abort', onAbort);
        resolveSlot(slot);
      };
      const onAbort = () => {
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
        resolveSlot(null);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private release(slot: Slot): void {
    if (this.stopped || slot.state === 'stopped') return;
    const next = this.waiters.shift();
    if (next) {
      slot.state = 'busy';
      next(slot);
    } else slot.state = 'idle';
  }

  /** Kills the slot's process (if still alive) and starts a new one in the background. */
  private replace(slot: Slot): void {
    const old = slot.proc;
    slot.proc = null;
    slot.state = 'starting';
    slot.restarts += 1;
    if (old) {
      old.kill();
      void old.stop(0);
    }
    this.track(this.refill(slot, 0));
  }

  /** Keeps background refills visible to stop(), so no process outlives the pool. */
  private track(refill: Promise<void>): void {
    this.refills.add(refill);
    void refill.finally(() => this.refills.delete(refill));
  }

  private async refill(slot: Slot, attempt: number): Promise<void> {
    if (this.stopped) return;
    try {
      const proc = await this.spawn();
      if (this.stopped) {
        await proc.stop();
        return;
      }
      this.attach(slot, proc);
      this.release(slot);
    } catch {
      // A runner that cannot start (venv gone, disk full) is retried with a capped backoff.
      if (!this.stopped) await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** attempt)));
      await this.refill(slot, attempt + 1);
    }
  }

  /** Gives the slot its process and replaces it if it dies while idle (a busy death fails its request). */
  private attach(slot: Slot, proc: RunnerProcess): void {
    slot.proc = proc;
    void proc.waitForExit().then(() => {
      if (slot.proc === proc && slot.state === 'idle' && !this.stopped) this.replace(slot);
    });
  }

  private spawn(): Promise<RunnerProcess> {
    return RunnerProcess.start({
      pythonPath: this.options.pythonPath, runnerDir: this.options.runnerDir, readyTimeoutMs: this.options.readyTimeoutMs,
      ...(this.options.env ? { env: this.options.env } : {}),
    });
  }
}

function toResult(uniqueId: string, m: ResultMessage, logs: RunnerLogEvent[], wallMs: number, pid: number, interrupted: boolean): NodeRunResult {
  const canceled = m.status === 'canceled' || (interrupted && m.error?.kind === 'canceled');
  return {
    uniqueId,
    status: canceled ? 'canceled' : m.status,
    executionTime: m.executionTime ?? null,
    timing: m.timing ?? [],
    adapterResponse: m.adapterResponse ?? {},
    message: m.message ?? m.error?.message ?? null,
    failures: m.failures ?? null,
    compiledPath: m.compiledPath ?? null,
    compiledCode: m.compiledCode ?? null,
    error: m.error ?? null,
    logs,
    wallMs,
    cacheHit: m.cacheHit ?? false,
    runnerPid: pid,
  };
}

function canceledResult(uniqueId: string, wallMs: number, pid: number, logs: RunnerLogEvent[] = []): NodeRunResult {
  return {
    uniqueId, status: 'canceled', executionTime: null, timing: [], adapterResponse: {}, message: 'canceled by the caller',
    failures: null, compiledPath: null, compiledCode: null, error: { kind: 'canceled', message: 'canceled by the caller' },
    logs, wallMs, cacheHit: false, runnerPid: pid,
  };
}
