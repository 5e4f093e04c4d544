#!/usr/bin/env node
// The `sluice` command. TypeScript sources run through tsx so a clone works without a build step.
require('tsx/cjs');
require('../cli/main.ts')
  .main(process.argv.slice(2))
  .catch((err) => {
    process.stderr.write(`sluice: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
