// ESLint flat config: typescript-eslint's recommended rules, plus the layering rule that
// keeps the domain pure (no I/O, no framework but the aggregate base).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-empty-object-type': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!\\.|@nestjs/cqrs$)', message: 'The domain is pure: only relative imports and @nestjs/cqrs (the aggregate base).' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time enters the domain through CommandContext.now.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time enters the domain through CommandContext.now.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Ids and randomness are passed in.' },
      ],
    },
  },
);
