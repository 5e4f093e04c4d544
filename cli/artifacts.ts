import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { detectArtifact, parseArtifactText } from '../domain/artifacts/detect';
import { parseArtifactSet } from '../domain/artifacts/set';
import type { ArtifactSet, ArtifactWarning } from '../domain/artifacts/types';
import { InputError } from '../domain/errors';
import { buildLogicalGraph } from '../domain/graph/build';
import type { LogicalGraph } from '../domain/graph/types';
import { CliError } from './errors';

/** The files an artifact folder may hold, by role. */
const FILE_NAMES = { manifest: 'manifest.json', catalog: 'catalog.json', runResults: 'run_results.json', sources: 'sources.json' } as const;

export interface LoadedArtifacts {
  readonly files: { readonly manifest: string; readonly catalog: string | null; readonly runResults: string | null; readonly sources: string | null };
  readonly set: ArtifactSet;
  readonly graph: LogicalGraph;
  readonly warnings: readonly ArtifactWarning[];
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const json = parseArtifactText(text, file);
  detectArtifact(json, file);
  return json;
}

/** A manifest.json path, or a folder holding manifest.json (directly or in `target/`) and its siblings. */
function locate(input: string): LoadedArtifacts['files'] {
  if (!existsSync(input)) throw new CliError(`no such file or folder: ${input}`);
  if (!statSync(input).isDirectory()) return { manifest: input, catalog: null, runResults: null, sources: null };
  const folder = existsSync(path.join(input, FILE_NAMES.manifest)) ? input : path.join(input, 'target');
  const manifest = path.join(folder, FILE_NAMES.manifest);
  if (!existsSync(manifest)) throw new CliError(`${input} holds no manifest.json (looked in the folder and in target/)`);
  const sibling = (name: string): string | null => (existsSync(path.join(folder, name)) ? path.join(folder, name) : null);
  return { manifest, catalog: sibling(FILE_NAMES.catalog), runResults: sibling(FILE_NAMES.runResults), sources: sibling(FILE_NAMES.sources) };
}

/**
 * Reads and parses the artifacts at `input` and builds the graph. Every domain input error
 * (not an artifact, truncated, wrong type, cycle) becomes a `CliError` (exit 2) with its message.
 */
export function loadArtifacts(input: string): LoadedArtifacts {
  const files = locate(input);
  try {
    const raw = {
      manifest: readJson(files.manifest),
      ...(files.catalog ? { catalog: readJson(files.catalog) } : {}),
      ...(files.runResults ? { runResults: readJson(files.runResults) } : {}),
      ...(files.sources ? { sources: readJson(files.sources) } : {}),
    };
    const { set, warnings } = parseArtifactSet(raw);
    const projectId = set.manifest.projectId ?? set.manifest.projectName ?? 'local';
    const graph = buildLogicalGraph(set.manifest, projectId);
    return { files, set, graph, warnings };
  } catch (err) {
    if (err instanceof InputError) throw new CliError(err.message);
    throw err;
  }
}
