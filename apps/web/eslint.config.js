// The workspace rules, plus Svelte components and browser globals.
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import root from '../../eslint.config.js';
import svelteConfig from './svelte.config.js';

export default tseslint.config(
  ...root,
  ...svelte.configs.recommended,
  ...svelte.configs.prettier,
  {
    files: ['src/**/*.ts', 'src/**/*.svelte', 'src/**/*.svelte.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The app is served at the root of its origin (no `paths.base`): plain paths are right.
      'svelte/no-navigation-without-resolve': 'off',
      // Sets and Maps built inside a function are scratch values, not state; state is $state.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        svelteConfig,
      },
    },
  },
);
