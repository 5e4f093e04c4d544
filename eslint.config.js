// Lint is where the folder rules of docs/architecture live (ARCHITECTURE §2): code that must run in the
// Temporal sandbox or the browser cannot reach Node built-ins or I/O libraries, and each folder
// imports only the folders it is allowed to. A rule broken here fails `npm test`.
const { builtinModules } = require('node:module');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');

// Built-ins are matched by exact name (a pattern like `domain` would also match our own domain/).
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const ioLibraries = [
  'knex', 'pg', 'pg-*', 'better-sqlite3', 'express', 'express-*', 'ioredis', 'minio', 'tsoa',
  'commander', '@temporalio/worker', '@temporalio/client', '@temporalio/testing', '@temporalio/activity',
];

/** Builds one no-restricted-imports rule from the groups a folder may not import. */
function restrict(groups, why = null) {
  return {
    '@typescript-eslint/no-restricted-imports': ['error', why ? { paths: builtinPaths(why), patterns: groups } : { patterns: groups }],
  };
}

const builtinMessage = (why) => `Node built-ins are not allowed here: ${why}`;
const builtinPaths = (why) => nodeBuiltins.map((name) => ({ name, message: builtinMessage(why) }));
const builtinGroup = (why) => ({ group: ['node:*'], message: builtinMessage(why) });
const ioGroup = (why) => ({ group: ioLibraries, message: `I/O libraries are not allowed here: ${why}` });
const folderGroup = (folders, why) => ({
  group: folders.flatMap((f) => [`**/${f}`, `**/${f}/**`]),
  message: why,
});

const pure = 'this folder must run in the Temporal workflow sandbox and in the browser (ARCHITECTURE §2).';
const serverFolders = ['activities', 'temporal', 'store', 'adapters', 'api', 'cli', 'runner'];

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/**', 'dist/**', '.sluice/**', '.tools/**', '.venv/**', 'coverage/**',
      'ui/dist/**', 'examples/**', 'runner/**', 'test/fixtures/**', '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: __dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports (STYLE.md).' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node }, sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['domain/**/*.ts'],
    rules: restrict([
      builtinGroup(pure),
      ioGroup(pure),
      { group: ['@temporalio/*'], message: `domain/ knows nothing of Temporal: ${pure}` },
      folderGroup(['policies', 'workflows', ...serverFolders, 'ui'], 'domain/ imports only domain/.'),
    ], pure),
  },
  {
    files: ['policies/**/*.ts'],
    rules: restrict([
      builtinGroup(pure),
      ioGroup(pure),
      { group: ['@temporalio/*'], message: `policies/ knows nothing of Temporal: ${pure}` },
      folderGroup(['workflows', ...serverFolders, 'ui'], 'policies/ imports only domain/ and policies/.'),
    ], pure),
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: builtinPaths(pure),
          patterns: [
            builtinGroup(pure),
            ioGroup(pure),
            folderGroup(['temporal', 'store', 'adapters', 'api', 'cli', 'runner', 'ui'], 'workflows/ imports domain/, policies/ and activity types only.'),
            {
              group: ['**/activities', '**/activities/**'],
              allowTypeImports: true,
              message: 'workflows/ may only `import type` from activities/ (use proxyActivities).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['ui/**/*.ts', 'ui/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict([
      builtinGroup('ui/ runs in the browser.'),
      ioGroup('ui/ runs in the browser.'),
      { group: ['@temporalio/*'], message: 'ui/ talks to the API, never to Temporal.' },
      folderGroup(['policies', 'workflows', ...serverFolders], 'ui/ imports only domain/ and the generated API client.'),
    ], 'ui/ runs in the browser.'),
  },
  {
    files: ['cli/**/*.ts', 'temporal/**/*.ts', 'adapters/**/*.ts'],
    rules: restrict([folderGroup(['store'], 'store/ is used by api/ and activities/ only.'), folderGroup(['ui'], 'server code never imports ui/.')]),
  },
);
