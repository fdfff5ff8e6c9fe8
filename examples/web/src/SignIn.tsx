import { useApolloClient } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { apiKey } from './apollo';
import { messageOf } from './errors';
import { graphql } from './gql';

const CheckKey = graphql(`
  query CheckKey {
    me {
      id
      username
    }
  }
`);

/** Signs in with an API key: kept in sessionStorage once the gateway accepts it. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const client = useApolloClient();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    apiKey.set(key.trim());
    try {
      await client.query({ query: CheckKey, fetchPolicy: 'network-only' });
      onSignedIn();
    } catch (e) {
      apiKey.clear();
      setError(messageOf(e));
    }
  };
  return (
    <main>
      <h1>Sign in to codeobit</h1>
      <form onSubmit={submit}>
        <label>
          API key <input data-testid="api-key" type="password" value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit" data-testid="sign-in">
          Sign in
        </button>
        {error && (
          <p className="error" data-testid="sign-in-error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
