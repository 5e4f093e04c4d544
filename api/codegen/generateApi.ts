import { generateRoutes, generateSpec, type ExtendedRoutesConfig, type ExtendedSpecConfig } from '@tsoa/cli';
import { join, relative } from 'node:path';

/**
 * Generates the express routes and the OpenAPI document from the controllers (tsoa), into
 * api/generated/ (git-ignored: `npm run gen:api` makes it, before typecheck, tests and `sluice dev`).
 * The output depends only on the sources, so running it twice gives the same files.
 */
export async function generateApi(root: string): Promise<void> {
  const out = join(root, 'api', 'generated');
  const rel = (p: string): string => relative(root, p);
  const common = {
    entryFile: rel(join(root, 'api', 'app.ts')),
    controllerPathGlobs: [rel(join(root, 'api', 'controllers', '*Controller.ts'))],
    noImplicitAdditionalProperties: 'throw-on-extras' as const,
  };
  const spec: ExtendedSpecConfig = {
    ...common,
    outputDirectory: rel(out),
    specVersion: 3,
    name: 'Sluice API',
    version: '0.1.0',
    description: 'The Sluice control plane for dbt projects. Errors are application/problem+json (see docs/api.md).',
    license: 'Apache-2.0',
    securityDefinitions: { sluice: { type: 'http', scheme: 'bearer', description: 'An API token: Authorization: Bearer slc_...' } },
  };
  const routes: ExtendedRoutesConfig = {
    ...common,
    routesDir: rel(out),
    authenticationModule: rel(join(root, 'api', 'auth', 'tsoaAuthentication.ts')),
    iocModule: rel(join(root, 'api', 'ioc.ts')),
    bodyCoercion: true,
  };
  const previous = process.cwd();
  process.chdir(root);
  try {
    const metadata = await generateSpec(spec);
    await generateRoutes(routes, undefined, undefined, metadata);
  } finally {
    process.chdir(previous);
  }
}
