import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { fieldErrors, messageOf } from './errors';
import { FormField } from './FormField';
import { graphql } from './gql';

const CreateProject = graphql(`
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
      name
    }
  }
`);

/** Creates a project; the gateway's validation errors show next to their fields. */
export function CreateProjectForm() {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [create, { error, loading, data }] = useMutation(CreateProject, { refetchQueries: ['Projects'] });
  const errors = fieldErrors(error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await create({ variables: { input: { name, description: description || null } } }).catch(() => null);
    if (done?.data) {
      setName('');
      setDescription('');
    }
  };
  return (
    <form onSubmit={submit} data-testid="create-project">
      <h2>New project</h2>
      <FormField label="Name" name="name" errors={errors}>
        <input data-testid="project-name" value={name} onChange={(e) => setName(e.target.value)} />
      </FormField>
      <FormField label="Description" name="description" errors={errors}>
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} />
      </FormField>
      <button type="submit" disabled={loading} data-testid="create-project-submit">
        Create
      </button>
      {error && !Object.keys(errors).length && <p className="error">{messageOf(error)}</p>}
      {data && !error && <p data-testid="created-project">Created {data.createProject.name}</p>}
    </form>
  );
}
