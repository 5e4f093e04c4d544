import type { RunStatus } from '../../types';

/** Which statuses a run may move to from each status (ARCHITECTURE §3); terminal statuses go nowhere. */
export function allowedNext(status: RunStatus): readonly RunStatus[] {
  switch (status) {
    case 'queued':
      return ['planning', 'canceled', 'failed'];
    case 'planning':
      return ['awaiting_approval', 'running', 'canceled', 'failed'];
    case 'awaiting_approval':
      // A rejection ends the run as canceled.
      return ['running', 'canceled', 'failed'];
    case 'running':
      return ['success', 'warning', 'failed', 'canceled'];
    case 'success':
    case 'warning':
    case 'failed':
    case 'canceled':
      return [];
    default: {
      const unreachable: never = status;
      throw new Error(`unknown run status ${String(unreachable)}`);
    }
  }
}

export const isTerminal = (s: RunStatus): boolean => allowedNext(s).length === 0;
