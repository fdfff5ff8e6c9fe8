import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { relayStylePagination } from '@apollo/client/utilities';

const KEY = 'codeobit.apiKey';

/** The API key lives in sessionStorage: gone when the tab closes, never in a cookie (CORS without credentials). */
export const apiKey = {
  get: () => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

/** The gateway's /graphql: `?gateway=` on the page's URL, else VITE_GATEWAY_URL at build time, else a local gateway. */
export function gatewayUrl(): string {
  return new URLSearchParams(location.search).get('gateway') ?? import.meta.env.VITE_GATEWAY_URL ?? 'http://localhost:4000/graphql';
}

export function createClient(): ApolloClient {
  const auth = new SetContextLink((prev) => {
    const key = apiKey.get();
    return { headers: { ...prev.headers, ...(key ? { authorization: `Bearer ${key}` } : {}) } };
  });
  return new ApolloClient({
    link: ApolloLink.from([auth, new HttpLink({ uri: gatewayUrl() })]),
    cache: new InMemoryCache({
      typePolicies: {
        // Relay connections: pages of one list merge by cursor; a new filter or order is a new list.
        Query: { fields: { projects: relayStylePagination(['filter', 'orderBy']) } },
      },
    }),
  });
}
