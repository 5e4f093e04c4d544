// One pool slot: a long-lived Python runner in its own process group, so an interrupt reaches dbt and
// anything it started. Speaks the protocol of ./protocol.ts; knows nothing of queues or retries.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type Readable, type Writable } from 'node:stream';
import { RunnerError } from './errors';
import { type ResultMessage, type RunnerLogEvent, runnerMessageSchema, type ValidRunNodeRequest } from './protocol';

export interface RunnerProcessOptions {
  readonly pythonPath: string;
  /** Folder holding the `sluice_runner` package (the repository's runner/). */
  readonly runnerDir: string;
  readonly readyTimeoutMs: number;
  /** Extra environment for the process (never secrets: those travel per request). */
  readonly env?: Readonly<Record<string, string>>;
}

interface Pending {
  readonly id: string;
  readonly onLog: (event: RunnerLogEvent) => void;
  readonly resolve: (message: ResultMessage) => void;
  readonly reject: (error: Error) => void;
}

const stderrTailBytes = 8192;
// Only what Python and dbt need; the worker's own environment (tokens, keys) stays out.
const inheritedVars = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TMPDIR', 'TZ'];

export class RunnerProcess {
  private pending: Pending | null = null;
  private stderrTail = '';
  private exited = false;
  private readonly exitPromise: Promise<void>;

  private constructor(
    private readonly child: ChildProcessByStdio<Writable, Readable, Readable>,
    readonly workDir: string,
    readonly dbtVersion: string,
  ) {
    this.exitPromise = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static async start(options: RunnerProcessOptions): Promise<RunnerProcess> {
    const workDir = await mkdtemp(join(tmpdir(), 'sluice-runner-'));
    const env: Record<string, string> = { PYTHONPATH: options.runnerDir, PYTHONUNBUFFERED: '1', DBT_SEND_ANONYMOUS_USAGE_STATS: 'false' };
    for (const name of inheritedVars) {
      const value = process.env[name];
      if (value !== undefined) env[name] = value;
    }
    Object.assign(env, options.env);
    const child = spawn(options.pythonPath, ['-m', 'sluice_runner', '--work-dir', workDir], {
      cwd: workDir,
      env,
      detached: true, // own process group: SIGINT goes to -pid
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const lines = createInterface({ input: child.stdout });
    const ready = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new RunnerError('runner_crashed', `runner not ready after ${options.readyTimeoutMs} ms`)), options.readyTimeoutMs);
      lines.once('line', (line) => {
        clearTimeout(timer);
        const parsed = runnerMessageSchema.safeParse(safeJson(line));
        if (parsed.success && parsed.data.type === 'ready') resolve(parsed.data.dbtVersion);
        else reject(new RunnerError('protocol', 'runner did not start with a ready message'));
      });
      child.once('error', (e) => { clearTimeout(timer); reject(new RunnerError('runner_crashed', `cannot start runner: ${e.message}`)); });
      child.once('exit', (code, signal) => { clearTimeout(timer); reject(new RunnerError('runner_crashed', `runner exited before ready (code ${code}, signal ${signal})`)); });
    });
    let version: string;
    try {
      version = await ready;
    } catch (e) {
      killGroup(child.pid, 'SIGKILL');
      await rm(workDir, { recursive: true, force: true });
      throw e;
    }
    const proc = new RunnerProcess(child, workDir, version);
    proc.wire(lines);
    return proc;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return !this.exited;
  }

  get busy(): boolean {
    return this.pending !== null;
  }

  /** Sends one request; resolves with the runner's result, rejects if the process dies first. */
  run(id: string, request: ValidRunNodeRequest, onLog: (event: RunnerLogEvent) => void): Promise<ResultMessage> {
    if (this.pending) return Promise.reject(new RunnerError('internal', 'runner process is busy'));
    if (this.exited) return Promise.reject(new RunnerError('runner_crashed', 'runner process has exited'));
    return new Promise((resolve, reject) => {
      this.pending = { id, onLog, resolve, reject };
      this.child.stdin.write(`${JSON.stringify({ type: 'run', id, request })}\n`);
    });
  }

  /** SIGINT to the process group: dbt cancels its open warehouse queries and replies `canceled`. */
  interrupt(): void {
    killGroup(this.child.pid, 'SIGINT');
  }

  kill(): void {
    killGroup(this.child.pid, 'SIGKILL');
  }

  /** Last lines of the runner's stderr, for diagnostics (the caller redacts). */
  get stderr(): string {
    return this.stderrTail;
  }

  /** Asks the process to exit, kills it after `graceMs`, and removes its private work dir. */
  async stop(graceMs = 5000): Promise<void> {
    if (!this.exited) {
      this.child.stdin.end(`${JSON.stringify({ type: 'shutdown' })}\n`);
      const timer = setTimeout(() => this.kill(), graceMs);
      await this.exitPromise;
      clearTimeout(timer);
    }
    await rm(this.workDir, { recursive: true, force: true });
  }

  /** Resolves when the process has exited (crash, kill or stop). */
  waitForExit(): Promise<void> {
    return this.exitPromise;
  }

  private wire(lines: ReturnType<typeof createInterface>): void {
    this.child.stdin.on('error', () => undefined); // EPIPE after a crash surfaces through 'exit'
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-stderrTailBytes);
    });
    lines.on('line', (line) => this.onLine(line));
    this.child.once('exit', (code, signal) => {
      this.exited = true;
      const pending = this.pending;
      this.pending = null;
      pending?.reject(new RunnerError('runner_crashed', `runner process ${this.pid} exited (code ${code}, signal ${signal})`));
    });
  }

  private onLine(line: string): void {
    const parsed = runnerMessageSchema.safeParse(safeJson(line));
    const pending = this.pending;
    if (!parsed.success) {
      // A runner that breaks the protocol cannot be trusted with the next request.
      this.kill();
      return;
    }
    const message = parsed.data;
    if (!pending) return;
    if (message.type === 'log' && message.id === pending.id) pending.onLog(message.event);
    else if (message.type === 'result' && message.id === pending.id) {
      this.pending = null;
      pending.resolve(message);
    } else if (message.type === 'error' && (message.id === pending.id || message.id === null)) {
      this.pending = null;
      pending.reject(new RunnerError(message.error.kind, message.error.message));
    }
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}
