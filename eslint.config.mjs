// Flat ESLint config. The import boundaries here are the architecture (see ARCHITECTURE.md):
// the server never touches the editor or ssh; the pure core touches no LSP, file system or process;
// the engines and the CLI run without VS Code.
import tseslint from 'typescript-eslint';
import boundaries from './scripts/lint-boundaries.mjs';

const editorOnly = [
  { name: 'vscode', message: 'Only src/ (outside src/cli and src/engine) may import vscode.' },
  { name: 'vscode-languageclient', message: 'Only src/client.ts talks to the language client.' },
  { name: 'vscode-languageclient/node', message: 'Only src/client.ts talks to the language client.' },
];
const noSsh2 = {
  name: 'ssh2',
  message: 'The language server never opens ssh connections; use src/engine from the extension or CLI.',
};
const lspPackages = [
  'vscode-languageserver',
  'vscode-languageserver/node',
  'vscode-languageserver-textdocument',
  'vscode-languageserver-protocol',
].map((name) => ({
  name,
  message: 'The pure core returns plain problems; server/src/lsp/ adapts them to LSP.',
}));
const sideEffects = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'child_process',
  'node:child_process',
  'net',
  'node:net',
].map((name) => ({
  name,
  message: 'The pure core takes text and injected HostAccess; do I/O in server/src/node or the engines.',
}));
const connectionFactory = ['vscode-languageserver', 'vscode-languageserver/node'].map((name) => ({
  name,
  importNames: ['createConnection'],
  message: 'server/src/server.ts is the one file that creates the connection.',
}));

// Fences on the files a folder imports (relative paths included), as the architecture draws them.
const VSCODE_LAND = [
  'src/extension.ts',
  'src/client.ts',
  'src/config.ts',
  'src/log.ts',
  'src/commands/**',
  'src/downstreams/**',
  'src/hierarchy/**',
  'src/logs/**',
  'src/status/**',
];
const zones = [
  {
    target: ['server/src/core/**'],
    forbidden: ['server/src/lsp/**', 'server/src/node/**', 'server/src/server.ts', 'src/**'],
    message: 'the pure core imports only the core: it is handed HostAccess and returns plain data.',
  },
  {
    target: ['server/**'],
    forbidden: ['src/**'],
    message: 'the language server stands alone; shared code lives in server/src/core.',
  },
  {
    target: ['server/src/node/**'],
    forbidden: ['server/src/lsp/**', 'server/src/server.ts'],
    message: 'server/src/node implements what the core is handed; it knows no LSP.',
  },
  {
    target: ['src/engine/**', 'src/cli/**'],
    forbidden: [...VSCODE_LAND, 'server/src/lsp/**', 'server/src/server.ts'],
    message: 'the engines and the CLI run without VS Code and without the LSP session.',
  },
  {
    target: ['src/engine/**'],
    forbidden: ['src/cli/**'],
    message: 'the engines are used by the CLI, not the other way round.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', 'shots/**', 'test/fixtures/**', '**/*.vsix'] },
  ...tseslint.configs.recommended,
  {
    plugins: { boundaries },
    rules: { 'boundaries/zones': ['error', zones] },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': ['error', { paths: [...editorOnly, noSsh2, ...connectionFactory] }],
    },
  },
  {
    files: ['server/src/server.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [...editorOnly, noSsh2] }] },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [...editorOnly, noSsh2, ...lspPackages, ...sideEffects] }] },
  },
  {
    files: ['src/cli/**/*.ts', 'src/engine/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: editorOnly }] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/client.ts', 'src/cli/**', 'src/engine/**'],
    rules: { 'no-restricted-imports': ['error', { paths: editorOnly.slice(1) }] },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.mjs'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
