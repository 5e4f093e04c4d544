import type { NodeKind } from '../artifacts/types';
import type { DbtCommand } from './types';

/** Node kinds a plan can contain: the ones `dbt build` executes. */
export type ExecutableKind = 'model' | 'seed' | 'snapshot' | 'test' | 'unit_test' | 'function';

/** The executable kind of a node, or null for kinds dbt does not execute (sources, exposures, ...). */
export function executableKind(kind: NodeKind): ExecutableKind | null {
  switch (kind) {
    case 'model':
    case 'seed':
    case 'snapshot':
    case 'test':
    case 'unit_test':
    case 'function':
      return kind;
    // Analyses are compiled, never run; operations are hooks; the rest are not warehouse work.
    case 'analysis':
    case 'operation':
    case 'sql_operation':
    case 'source':
    case 'exposure':
    case 'metric':
    case 'semantic_model':
    case 'saved_query':
    case 'group':
      return null;
    default: {
      const unreachable: never = kind;
      throw new Error(`unreachable node kind: ${String(unreachable)}`);
    }
  }
}

/** The dbt command that executes one node of this kind. */
export function dbtCommandFor(kind: ExecutableKind): DbtCommand {
  switch (kind) {
    case 'model':
      return 'run';
    case 'seed':
      return 'seed';
    case 'snapshot':
      return 'snapshot';
    // dbt runs unit tests with `dbt test` (they select like data tests).
    case 'test':
    case 'unit_test':
      return 'test';
    // UDFs have no command of their own; `dbt build --select` creates them.
    case 'function':
      return 'build';
    default: {
      const unreachable: never = kind;
      throw new Error(`unreachable executable kind: ${String(unreachable)}`);
    }
  }
}
