// Shared set-up for the runner tests: fixture copies, a PostgreSQL database per test file, profiles.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { type ProfileSpec } from '../../../adapters/runner';

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const pythonPath = join(repoRoot, '.venv', 'bin', 'python');
export const runnerFixture = join(repoRoot, 'test', 'fixtures', 'runner', 'basic');

export function pgUrl(): string {
  const url = process.env.SLUICE_TEST_PG_URL;
  if (!url) throw new Error('SLUICE_TEST_PG_URL is not set: source .sluice/test/services.env or run npm test');
  return url;
}

/** Copies a dbt project to a fresh temp dir (dbt never runs inside the repository). */
export function copyProject(source: string): { dir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'sluice-runner-test-'));
  const dir = join(root, 'project');
  cpSync(source, dir, { recursive: true, filter: (src) => !/[/\\](target|logs)$/.test(src) && !src.endsWith('.duckdb') });
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Drops and creates a database for one test file; returns its name. */
export async function freshDatabase(name: string): Promise<string> {
  const admin = new Client({ connectionString: pgUrl() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return name;
}

export interface PgLogin {
  readonly user: string;
  readonly password: string;
}

/** A login role that owns the database, with a password that appears nowhere else (redaction tests). */
export async function databaseOwner(database: string, user: string): Promise<PgLogin> {
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const admin = new Client({ connectionString: pgUrl() });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_roles where rolname = $1', [user]);
    await admin.query(`${exists.rowCount ? 'alter' : 'create'} role ${user} login password '${password}'`);
    await admin.query(`alter database ${database} owner to ${user}`);
  } finally {
    await admin.end();
  }
  return { user, password };
}

export function postgresProfile(database: string, schema: string, login?: PgLogin): ProfileSpec {
  const url = new URL(pgUrl());
  return {
    type: 'postgres',
    settings: { host: url.hostname, port: Number(url.port), user: login?.user ?? decodeURIComponent(url.username), dbname: database, schema },
    secrets: { password: login?.password ?? decodeURIComponent(url.password) },
  };
}

export function duckdbProfile(path: string): ProfileSpec {
  return { type: 'duckdb', settings: { path }, secrets: {} };
}

export const queryContext = { runId: 'run-test-1', nodeUuid: 'node-uuid-1', tenant: 'tenant-a', environment: 'env-dev' };

/** Runs a cold dbt CLI command in a copied project (the reference the warm pool is compared with). */
export function dbtCli(args: string[], cwd: string, env: Record<string, string>): string {
  return execFileSync(join(repoRoot, '.venv', 'bin', 'dbt'), args, {
    cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DBT_SEND_ANONYMOUS_USAGE_STATS: 'false', ...env },
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export async function withPg<T>(database: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const url = new URL(pgUrl());
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
