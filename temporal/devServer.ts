import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';

export interface DevServerOptions {
  /** The Temporal CLI binary (installed by scripts/install.sh into .tools/bin). */
  readonly cliPath: string;
  readonly ip: string;
  readonly port: number;
  readonly uiPort: number;
  /** Folder for the SQLite file and the server log; history survives restarts. */
  readonly dataDir: string;
  readonly namespace: string;
}

export interface DevServer {
  readonly address: string;
  readonly uiUrl: string;
  /** False when a server was already listening and was reused rather than started. */
  readonly startedHere: boolean;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` with its state in a SQLite file, or reuses a server that
 * already answers on the address. Resolves once the frontend answers.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const address = `${options.ip}:${options.port}`;
  const uiUrl = `http://${options.ip}:${options.uiPort}`;
  if (await answers(address, 1)) return { address, uiUrl, startedHere: false, stop: async () => {} };

  mkdirSync(options.dataDir, { recursive: true });
  const log = createWriteStream(join(options.dataDir, 'temporal.log'), { flags: 'a' });
  const child = spawn(
    options.cliPath,
    [
      'server', 'start-dev',
      '--ip', options.ip,
      '--port', String(options.port),
      '--ui-port', String(options.uiPort),
      '--db-filename', join(options.dataDir, 'temporal.db'),
      '--namespace', options.namespace,
      '--log-level', 'warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.once('error', () => undefined);

  const ready = await Promise.race([answers(address, 120), exited.then(() => false)]);
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`the Temporal dev server did not start on ${address}; see ${join(options.dataDir, 'temporal.log')}`);
  }
  return { address, uiUrl, startedHere: true, stop: () => stopChild(child, exited) };
}

async function answers(address: string, attempts: number): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.healthService.check({});
      await connection.close();
      return true;
    } catch {
      if (i + 1 < attempts) await new Promise((r) => setTimeout(r, 500));
    }
  }
  return false;
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
