import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

/**
 * Installs the process-wide Temporal runtime with a logger at `level` (the SDK's default INFO
 * prints the whole workflow bundle report). Call once, before the first worker is created.
 */
export function installTemporalRuntime(level: LogLevel = 'WARN'): void {
  Runtime.install({ logger: new DefaultLogger(level) });
}
