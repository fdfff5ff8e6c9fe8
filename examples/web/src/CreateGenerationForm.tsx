import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { fieldErrors, messageOf } from './errors';
import { FormField } from './FormField';
import { graphql } from './gql';

const CreateGeneration = graphql(`
  mutation CreateGeneration($input: CreateCodeGenerationInput!) {
    createCodeGeneration(input: $input) {
      id
      status
    }
  }
`);

/** Asks for a code generation (PENDING until a worker takes it); field errors come from the gateway. */
export function CreateGenerationForm({ projectId }: { projectId: string }) {
  const [specification, setSpecification] = useState('');
  const [language, setLanguage] = useState('');
  const [create, { error, loading }] = useMutation(CreateGeneration, { refetchQueries: ['Project'] });
  const errors = fieldErrors(error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await create({ variables: { input: { projectId, specification, language } } }).catch(() => null);
    if (done?.data) setSpecification('');
  };
  return (
    <form onSubmit={submit} data-testid="create-generation">
      <h2>New code generation</h2>
      <FormField label="Specification" name="specification" errors={errors}>
        <textarea data-testid="generation-spec" value={specification} onChange={(e) => setSpecification(e.target.value)} />
      </FormField>
      <FormField label="Language" name="language" errors={errors}>
        <input data-testid="generation-language" value={language} onChange={(e) => setLanguage(e.target.value)} />
      </FormField>
      <button type="submit" disabled={loading} data-testid="create-generation-submit">
        Generate
      </button>
      {error && !Object.keys(errors).length && <p className="error">{messageOf(error)}</p>}
    </form>
  );
}
