// Lint: TypeScript rules plus the layer boundaries of STYLE.md, held by tooling rather than memory.
//
// ESLint replaces (does not merge) a rule's options when two blocks match one file, so each folder's block below lists
// every import restriction that holds there; the pieces are named once here and combined per folder.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'net', 'http', 'https', 'stream', 'buffer', 'url', 'util'];

/** Electron and the transports over the handler table: only src-main/electron and src-main/harness touch them. */
const noElectronOrTransports = { group: ['electron', '**/electron/**', '**/harness/**'], message: 'Only src-main/electron and src-main/harness use Electron and the transports.' };
const noRenderer = { group: ['**/src-renderer/**'], message: 'Main never imports renderer code.' };
/** Features sit above db/, pdf/ and platform/: those import no feature. */
const noFeature = { regex: '(^|/)features(/|$)', message: 'db/, pdf/ and platform/ import no feature: take what you need as a parameter (see features/entities.ts).' };
/** Services reach the pipeline's pieces through platform/ (call context, handler types), never ipc/ directly. */
const noIpc = { group: ['**/ipc', '**/ipc/**'], message: 'Features use platform/ (call context, handler types), not ipc/ internals.' };
/** Another area's files from a feature: `../<area>/<file>`, the way past its index.ts (`../<area>`). */
const otherAreaFile = '^\\.\\./(?!\\.\\.?/)[^/]+/.+';
const throughIndex = { regex: otherAreaFile, message: "Another area is used through its index.ts: import from '../<area>' (export what you need there)." };
/** Entity classes may name each other's entity files (TypeORM relations, decorator metadata); nothing else of the area. */
const throughIndexButEntities = { regex: '^\\.\\./(?!\\.\\.?/)[^/]+/(?![^/]+\\.entity$).+', message: "An entity imports other areas' entity files only; anything else through '../<area>' (its index.ts)." };

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src-shared/**/*.{ts,tsx}'],
    rules: {
      ...restrict(...nodeBuiltins, 'electron', 'typeorm', 'mysql2*', 'react*', '**/src-main/**', '**/src-renderer/**'),
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      ...restrict(...nodeBuiltins, 'electron', 'typeorm', 'mysql2*', 'pdfkit', '**/src-main/**'),
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require'],
    },
  },
  {
    // A renderer feature uses another only through its index.ts (src-renderer/features/<area>/index.ts).
    files: ['src-renderer/features/**/*.{ts,tsx}'],
    rules: restrict({ group: [...nodeBuiltins, 'electron', 'typeorm', 'mysql2*', 'pdfkit', '**/src-main/**'] }, throughIndex),
  },
  {
    files: ['src-main/ipc/**/*.ts', 'src-main/seed/**/*.ts'],
    rules: restrict(noElectronOrTransports, noRenderer),
  },
  {
    files: ['src-main/db/**/*.ts', 'src-main/pdf/**/*.ts', 'src-main/platform/**/*.ts'],
    rules: restrict(noElectronOrTransports, noRenderer, noFeature),
  },
  {
    files: ['src-main/features/**/*.ts'],
    ignores: ['src-main/features/**/*.entity.ts'],
    rules: restrict(noElectronOrTransports, noRenderer, noIpc, throughIndex),
  },
  {
    files: ['src-main/features/**/*.entity.ts'],
    rules: restrict(noElectronOrTransports, noRenderer, noIpc, throughIndexButEntities),
  },
);
