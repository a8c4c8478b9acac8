import tseslint from 'typescript-eslint';
import jestPlugin from 'eslint-plugin-jest';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'build/',
      'coverage/',
      '*.config.js',
      'scripts/**/*.mjs',
      '__tests__/stubs/*.cjs'
    ]
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname}},
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_'}],
      'no-console': 'error'
    }
  },
  {
    // model/ is pure: values in, values out. No Actions runtime, no commands, no files, no process, no I/O layer.
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['node:child_process', 'child_process', 'node:fs', 'fs', 'node:fs/promises', 'fs/promises'].map(
            name => ({name, message: 'model/ is pure: read files and run commands in docker/, runner/ or modes/'})
          ),
          patterns: [
            {group: ['@actions/*'], message: 'model/ is pure: the Actions runtime belongs in runner/ (or modes/)'},
            {
              group: ['**/docker/*', '**/runner/*', '**/modes/*', '**/inputs/*', '../*'],
              message: 'model/ is pure and at the bottom: it imports only model/ modules'
            }
          ]
        }
      ],
      'no-restricted-globals': ['error', {name: 'process', message: 'model/ is pure: take the value as a parameter'}]
    }
  },
  {
    files: ['__tests__/**/*.ts'],
    ...jestPlugin.configs['flat/recommended'],
    rules: {
      ...jestPlugin.configs['flat/recommended'].rules,
      'jest/expect-expect': ['error', {assertFunctionNames: ['expect', 'expect*']}]
    }
  }
);
