import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { fieldErrors, messageOf } from './errors';
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
      <label>
        Specification <textarea data-testid="generation-spec" value={specification} onChange={(e) => setSpecification(e.target.value)} />
      </label>
      {errors.specification && (
        <span className="field-error" data-testid="error-specification">
          {errors.specification}
        </span>
      )}
      <label>
        Language <input data-testid="generation-language" value={language} onChange={(e) => setLanguage(e.target.value)} />
      </label>
      {errors.language && (
        <span className="field-error" data-testid="error-language">
          {errors.language}
        </span>
      )}
      <button type="submit" disabled={loading} data-testid="create-generation-submit">
        Generate
      </button>
      {error && !Object.keys(errors).length && <p className="error">{messageOf(error)}</p>}
    </form>
  );
}
