// Lint: TypeScript rules with type information, no floating promises, and the import boundaries
// between runtimes (DESIGN.md section 1) — enforced here, not by hope.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

const boundary = (message, ...regexes) => regexes.map((regex) => ({ regex, message }));

const NODE_BUILTIN = '^(node:|(fs|path|os|crypto|child_process|http|https|net|tls|url|stream|events|util|worker_threads|zlib|dns|readline)(/|$))';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.ci-out/**', 'renderer/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...vue.configs['flat/recommended'],
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs', '.ci/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/only-throw-error': 'error',
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']", message: 'no .only: the rest of the suite would not run' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    // Asymmetric matchers (expect.stringContaining, …) are typed any by design.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-argument': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: boundary(
          'shared/ is pure: no Node, no DOM, no electron, no vue, and nothing of the other folders',
          NODE_BUILTIN, '^electron$', '^vue$', '^ws$', '^(\\.\\./)+(electron|renderer|agent|relay)/',
        ),
      }],
    },
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
  },
  {
    files: ['electron/core/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: boundary('electron/core runs under plain Node too: it never imports electron, vue or the other runtimes', '^electron$', '^vue', '/renderer/', '/agent/', '/relay/', '^(\\.\\./)*shell/', '/main(\\.js)?$'),
      }],
    },
  },
  {
    files: ['electron/*.ts', 'electron/shell/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: boundary('the main process does not import the renderer or other runtimes', '^vue', '/renderer/', '/agent/', '/relay/') }],
    },
  },
  {
    // The shell's logic is unit-tested under plain Node, where require('electron') throws: only the
    // thin adapters may use Electron values; the rest take ports or `import type`.
    files: ['electron/shell/**'],
    ignores: ['electron/shell/main-window.ts', 'electron/shell/tray.ts', 'electron/shell/electron-notifier.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'electron', allowTypeImports: true, message: 'shell logic takes ports (or import type); Electron values belong in main.ts or the adapters main-window.ts, tray.ts, electron-notifier.ts' }],
      }],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: boundary('the renderer uses shared/ and browser APIs only', NODE_BUILTIN, '^electron$', '^ws$', '/electron/', '/agent/', '/relay/') }],
    },
  },
  {
    files: ['agent/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: boundary('the agent ships alone: it imports shared/ and Node only', '^electron$', '^vue', '/electron/', '/renderer/', '/relay/') }],
    },
  },
  {
    files: ['relay/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: boundary('the relay imports shared/ and Node only', '^electron$', '^vue', '/electron/', '/renderer/', '/agent/') }],
    },
  },
);
