/** The browser's layout worker; Vite bundles worker.ts as a module worker (kept apart so tests never see import.meta). */
export function browserWorkerFactory(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
}
