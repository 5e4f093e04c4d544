import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../support/env';

// The folder import rules of ARCHITECTURE §2 are enforced by lint. Each case writes a probe file
// into the folder under test, lints it with the project's own eslint command and config (as
// `npm run lint` does), and removes it.
interface LintResult {
  readonly messages: ReadonlyArray<{ readonly ruleId: string | null; readonly message: string }>;
}

async function lintProbe(folder: string, code: string): Promise<string[]> {
  const file = join(repoRoot, folder, `__lint_probe_${randomBytes(4).toString('hex')}.ts`);
  mkdirSync(join(repoRoot, folder), { recursive: true });
  writeFileSync(file, code);
  try {
    const eslint = spawnSync(join(repoRoot, 'node_modules', '.bin', 'eslint'), ['--format', 'json', file], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const [result] = JSON.parse(eslint.stdout) as LintResult[];
    return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
  } finally {
    rmSync(file, { force: true });
  }
}

const restricted = '@typescript-eslint/no-restricted-imports';

describe('folder import rules', () => {
  jest.setTimeout(120_000);

  it('rejects a Node built-in in domain/', async () => {
    const messages = await lintProbe('domain', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    expect(messages.some((m) => m.startsWith(restricted) && m.includes('Node built-ins'))).toBe(true);
  });

  it('rejects a bare built-in name and an I/O library in policies/', async () => {
    const messages = await lintProbe('policies', "import crypto from 'crypto';\nimport knex from 'knex';\nexport const x = [crypto, knex];\n");
    expect(messages.filter((m) => m.startsWith(restricted))).toHaveLength(2);
  });

  it('rejects a value import of activities in workflows/ and allows a type import', async () => {
    const bad = await lintProbe('workflows', "import { createActivities } from '../activities';\nexport const x = createActivities;\n");
    expect(bad.some((m) => m.startsWith(restricted) && m.includes('import type'))).toBe(true);
    const good = await lintProbe('workflows', "import type { SluiceActivities } from '../activities';\nexport type X = SluiceActivities;\n");
    expect(good).toEqual([]);
  });

  it('rejects server code in ui/', async () => {
    const messages = await lintProbe('ui/src', "import { startApiServer } from '../../api/server';\nexport const x = startApiServer;\n");
    expect(messages.some((m) => m.startsWith(restricted) && m.includes('ui/ imports only domain/'))).toBe(true);
  });

  it('rejects store/ outside api/ and activities/', async () => {
    const messages = await lintProbe('cli', "import * as store from '../store/db';\nexport const x = store;\n");
    expect(messages.some((m) => m.startsWith(restricted) && m.includes('store/'))).toBe(true);
  });

  it('accepts policies/ importing domain/ (a folder named like a Node built-in)', async () => {
    const messages = await lintProbe('policies', "import type { Manifest } from '../domain/artifacts/types';\nexport type X = Manifest;\n");
    expect(messages).toEqual([]);
  });

  it('accepts pure code in domain/', async () => {
    const messages = await lintProbe('domain', 'export function double(n: number): number {\n  return n * 2;\n}\n');
    expect(messages).toEqual([]);
  });
});
