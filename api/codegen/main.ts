import { resolve } from 'node:path';
import { generateApi } from './generateApi';

// `npm run gen:api`: writes api/generated/{routes.ts,swagger.json}.
generateApi(resolve(__dirname, '..', '..')).catch((err: unknown) => {
  process.stderr.write(`gen:api failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
