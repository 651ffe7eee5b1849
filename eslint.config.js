// Lint configuration: typescript-eslint's recommended rules plus the project's own bans
// (no `any`, named exports only, contexts imported through their index.ts).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Another context's inner files are off limits: only its index.ts is public, plus, for records,
// preparation.ts (validation and preparation without storage, light enough for a worker thread).
const CONTEXTS = ['records', 'ingest', 'access', 'profiles', 'screening', 'model', 'assessment', 'targeting', 'exchange'];
const LIGHT_SURFACES = { records: ['preparation.js'] };
const contextPatterns = CONTEXTS.flatMap((c) =>
  ['../', '../../'].map((up) => ({
    group: [`${up}${c}/**`, `!${up}${c}/index.js`, ...(LIGHT_SURFACES[c] ?? []).map((f) => `!${up}${c}/${f}`)],
    message: `import the ${c} context through its index.ts`,
  })),
);

export default tseslint.config(
  { ignores: ['dist/**', 'web/dist/**', 'node_modules/**', 'web/src/api/*.gen.ts', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'use named exports' }],
      'no-restricted-imports': ['error', { patterns: contextPatterns }],
    },
  },
  {
    files: ['src/app/**/*.ts', 'src/cli/**/*.ts', 'src/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Build and test runners: plain Node.js scripts.
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
