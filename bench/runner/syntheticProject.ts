// A generated dbt project of N no-op view models, each referencing 1 to 3 earlier models.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Small deterministic PRNG (mulberry32) so every run benchmarks the same graph. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes the project into `dir`; returns model names in dependency order. */
export function writeSyntheticProject(dir: string, models: number, seed = 42): string[] {
  const random = prng(seed);
  mkdirSync(join(dir, 'models'), { recursive: true });
  writeFileSync(join(dir, 'dbt_project.yml'), 'name: synthetic\nversion: "1.0"\nconfig-version: 2\nprofile: synthetic\nmodels:\n  synthetic:\n    +materialized: view\n');
  const names: string[] = [];
  for (let i = 0; i < models; i += 1) {
    const name = `m${String(i).padStart(4, '0')}`;
    const refs = i === 0 ? [] : [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => names[Math.floor(random() * i)] ?? 'm0000'))];
    const body = refs.length === 0
      ? 'select 1 as id'
      : refs.map((r) => `select id from {{ ref('${r}') }}`).join('\nunion all\n');
    writeFileSync(join(dir, 'models', `${name}.sql`), `${body}\n`);
    names.push(name);
  }
  return names;
}
