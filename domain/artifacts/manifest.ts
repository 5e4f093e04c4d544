import { z } from 'zod';
import { ArtifactError } from '../errors';
import { sha1, toHex } from '../ids/sha1';
import { utf8Encode } from '../ids/utf8';
import { expectArtifact, formatSchemaVersion, KNOWN_VERSIONS } from './detect';
import { macroSchema, selectorSchema } from './node-schema';
import { NODE_MAPS, normalizeNode, type NodeMapName } from './node';
import { validate } from './validate';
import type { ArtifactWarning, DbtNode, MacroInfo, Manifest, YamlSelector } from './types';

const metadataSchema = z.looseObject({
  dbt_version: z.string().nullish(),
  project_name: z.string().nullish(),
  project_id: z.string().nullish(),
  adapter_type: z.string().nullish(),
  generated_at: z.string().nullish(),
});

const mapSchema = z.record(z.string(), z.unknown());

function warning(code: string, message: string, nodeId: string | null, field: string | null): ArtifactWarning {
  return { code, message, nodeId, field };
}

/** A macro's fingerprint: SHA-1 of its SQL (dbt writes no macro checksum; state:modified.macros needs one). */
function macroChecksum(sql: string | null | undefined): string | null {
  return typeof sql === 'string' ? `sha1:${toHex(sha1(utf8Encode(sql)))}` : null;
}

function readMap(json: Record<string, unknown>, field: string): Record<string, unknown> {
  const value = json[field];
  if (value === undefined || value === null) return {};
  return validate(mapSchema, value, { artifact: 'manifest', nodeId: null, field });
}

/** dbt < 1.0 wrote `disabled` as a list of nodes; later versions as unique_id → list of nodes. */
function disabledEntries(json: Record<string, unknown>): Array<{ value: unknown; key: string }> {
  const value = json['disabled'];
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((entry, i) => ({ value: entry, key: `disabled[${i}]` }));
  const map = validate(mapSchema, value, { artifact: 'manifest', nodeId: null, field: 'disabled' });
  const out: Array<{ value: unknown; key: string }> = [];
  for (const [key, versions] of Object.entries(map)) {
    const list = validate(z.array(z.unknown()), versions, { artifact: 'manifest', nodeId: key, field: `disabled.${key}` });
    list.forEach((entry, i) => out.push({ value: entry, key: `${key}[${i}]` }));
  }
  return out;
}

function readMacros(json: Record<string, unknown>): Map<string, MacroInfo> {
  const macros = new Map<string, MacroInfo>();
  for (const [key, value] of Object.entries(readMap(json, 'macros'))) {
    const raw = validate(macroSchema, value, { artifact: 'manifest', nodeId: key, field: undefined });
    macros.set(raw.unique_id, {
      uniqueId: raw.unique_id,
      packageName: raw.package_name ?? raw.unique_id.split('.')[1] ?? '',
      checksum: macroChecksum(raw.macro_sql),
      dependsOnMacros: raw.depends_on?.macros ?? [],
    });
  }
  return macros;
}

function readSelectors(json: Record<string, unknown>): Record<string, YamlSelector> {
  const selectors: Record<string, YamlSelector> = {};
  for (const [key, value] of Object.entries(readMap(json, 'selectors'))) {
    const raw = validate(selectorSchema, value, { artifact: 'manifest', nodeId: null, field: `selectors.${key}` });
    selectors[key] = { name: raw.name ?? key, description: raw.description ?? null, definition: raw.definition, default: raw.default ?? false };
  }
  return selectors;
}

/**
 * Reads a manifest.json (schema v1 to v12, newer with a warning) into the normalized model.
 * Throws an `ArtifactError` when the input is not a manifest or a field we use has the wrong type;
 * problems that do not stop ingestion (dangling references, unknown resource types) are warnings.
 */
export function parseManifest(json: unknown): { manifest: Manifest } {
  const schemaVersion = expectArtifact(json, 'manifest', 'manifest');
  const root = json as Record<string, unknown>;
  const metadata = validate(metadataSchema, root['metadata'], { artifact: 'manifest', nodeId: null, field: 'metadata' });
  const warnings: ArtifactWarning[] = [];
  if (schemaVersion.version > KNOWN_VERSIONS.manifest.max) {
    warnings.push(warning('newer_schema', `manifest: ${formatSchemaVersion(schemaVersion)} is newer than the newest known (v${KNOWN_VERSIONS.manifest.max}); read tolerantly`, null, 'metadata.dbt_schema_version'));
  }

  const nodes = new Map<string, DbtNode>();
  const foundIn = new Map<string, string>();
  for (const mapName of Object.keys(NODE_MAPS) as NodeMapName[]) {
    for (const [key, value] of Object.entries(readMap(root, mapName))) {
      const entry = normalizeNode(value, mapName, key);
      if (!entry.ok) {
        warnings.push(warning('unknown_resource_type', `manifest: node ${entry.uniqueId} in "${mapName}" has resource_type ${JSON.stringify(entry.resourceType)}, which Sluice does not know; skipped`, entry.uniqueId, `${mapName}.resource_type`));
        continue;
      }
      const previous = foundIn.get(entry.node.uniqueId);
      if (previous !== undefined) {
        throw new ArtifactError(`manifest: unique_id ${entry.node.uniqueId} appears twice (in "${previous}" and "${mapName}")`, 'duplicate_unique_id', 'manifest', entry.node.uniqueId, `${mapName}.unique_id`);
      }
      foundIn.set(entry.node.uniqueId, mapName);
      nodes.set(entry.node.uniqueId, entry.node);
    }
  }

  const disabled: DbtNode[] = [];
  for (const { value, key } of disabledEntries(root)) {
    const entry = normalizeNode(value, 'disabled', key);
    if (entry.ok) disabled.push(entry.node);
    else warnings.push(warning('unknown_resource_type', `manifest: disabled node ${entry.uniqueId} has resource_type ${JSON.stringify(entry.resourceType)}; skipped`, entry.uniqueId, 'disabled.resource_type'));
  }

  const disabledIds = new Set(disabled.map((d) => d.uniqueId));
  for (const node of nodes.values()) {
    node.dependsOn.forEach((parent, i) => {
      if (nodes.has(parent)) return;
      const why = disabledIds.has(parent) ? 'a disabled node' : 'not in this manifest';
      warnings.push(warning('dangling_reference', `manifest: node ${node.uniqueId} depends on ${parent}, which is ${why}; the edge is ignored`, node.uniqueId, `depends_on.nodes[${i}]`));
    });
  }

  const manifest: Manifest = {
    schemaVersion,
    dbtVersion: metadata.dbt_version ?? null,
    projectName: metadata.project_name ?? null,
    projectId: metadata.project_id ?? null,
    adapterType: metadata.adapter_type ?? null,
    generatedAt: metadata.generated_at ?? null,
    nodes,
    disabled,
    macros: readMacros(root),
    selectors: readSelectors(root),
    warnings,
  };
  return { manifest };
}
