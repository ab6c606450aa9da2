// Types for every GraphQL operation of the console, generated from the committed contract (schema.graphql at the
// repository root — the served schema, checked by the .NET tests). Output src/gql/ is generated, not committed.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/**/*.tsx', 'src/**/*.ts', '!src/gql/**'],
  ignoreNoDocuments: true,
  silent: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { DateTimeOffset: 'string', DateOnly: 'string', Long: 'number', Decimal: 'number', ID: 'string' } },
    },
  },
};

export default config;
