import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents from the gateway's committed schema: every `graphql(...)`
 * in src/ gets its result and variables types in src/gql/ (client preset,
 * fragment masking on). A document the schema does not allow fails here.
 */
const config: CodegenConfig = {
  schema: '../../schema/schema.graphql',
  documents: ['src/**/*.tsx'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      config: {
        enumsAsTypes: true,
        scalars: { DateTime: 'string', LocalDate: 'string', SafeInt: 'number', JSONObject: 'Record<string, unknown>' },
      },
    },
  },
};

export default config;
