// Lint rules, including the import boundaries of DESIGN.md: the renderer never reaches main, and
// shared/ stays free of electron, node and the DOM.
const js = require('@eslint/js')
const tseslint = require('typescript-eslint')
const reactHooks = require('eslint-plugin-react-hooks')
const globals = require('globals')
const prettier = require('eslint-config-prettier')

const noNode = {
  group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'url', 'stream'],
  message: 'shared/ and renderer/ run without Node.'
}

module.exports = tseslint.config(
  {
    ignores: [
      'out/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '**/fixtures/**/*.html'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty-pattern': 'off'
    }
  },
  {
    files: ['**/*.cjs', 'eslint.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noNode,
            { group: ['electron'], message: 'shared/ imports no electron.' },
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', 'react', 'react-dom'],
              message: 'shared/ imports only shared/.'
            }
          ]
        }
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'Buffer']
    }
  },
  {
    // Tests of shared code run under Node (vitest) and may read fixtures from disk.
    files: ['src/shared/**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noNode,
            { group: ['electron'], message: 'The renderer has no electron.' },
            {
              group: ['**/main/**', '**/preload/index*'],
              message: 'The renderer reaches main only through src/renderer/src/api.ts.'
            }
          ]
        }
      ]
    }
  },
  {
    files: [
      'src/main/services/**/*.ts',
      'src/main/store/**/*.ts',
      'src/main/import/**/*.ts',
      'src/main/reports/**/*.ts',
      'src/main/dispatch.ts',
      'src/main/core.ts'
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron'],
              message: 'Services run under plain Node: keep electron in src/main/electron and src/main/index.ts.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/preload/bridge.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['*'], message: 'bridge.ts is injected with toString(): it must import nothing.' }] }
      ]
    }
  },
  {
    // Renderer tests against the real main core (src/main/testing/window-bridge.ts): no mocks, so they reach
    // into main to start it, as the e2e browser driver does. Only these files may.
    files: ['src/renderer/**/*.main.test.tsx'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-restricted-imports': 'off' }
  },
  // Layout is Prettier's (npm run format); turn off the lint rules that would argue with it.
  prettier
)
