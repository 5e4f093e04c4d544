import { Client, Connection } from '@temporalio/client';
import type { TemporalConfig } from './config';

export interface TemporalClientHandle {
  readonly client: Client;
  readonly connection: Connection;
  close(): Promise<void>;
}

/** Connects a Temporal client for the configured namespace. */
export async function connectTemporalClient(config: TemporalConfig): Promise<TemporalClientHandle> {
  const connection = await Connection.connect({ address: config.address });
  const client = new Client({ connection, namespace: config.namespace });
  return { client, connection, close: () => connection.close() };
}

/** The Temporal Web UI page of a workflow execution (a run's forensics view). */
export function temporalRunUrl(config: Pick<TemporalConfig, 'uiUrl' | 'namespace'>, workflowId: string, runId?: string): string {
  const base = `${config.uiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(config.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${base}/${encodeURIComponent(runId)}/history` : base;
}
