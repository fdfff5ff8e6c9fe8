import 'reflect-metadata';
import { ListUsersDocument, MeDocument } from '../generated/graphql';
import { selectedBackends } from '../support/backends';
import { onlyError, TestServer } from '../support/server';

describe.each(selectedBackends())('limits on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start(backend, {
      MAX_QUERY_DEPTH: '8',
      MAX_QUERY_COST: '5000',
      MAX_ALIASES: '5',
      MAX_ROOT_FIELDS: '4',
      MAX_TOKENS: '400',
      MAX_BODY_BYTES: '20000',
      RATE_LIMIT_ANON_PER_MINUTE: '5',
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const code = async (query: string, variables?: Record<string, unknown>) => {
    const res = await server.raw({ query, variables });
    return { status: res.status, code: onlyError(res).extensions?.code, message: onlyError(res).message };
  };

  it('refuses each limit with its own code, before any resolver runs', async () => {
    const deep = '{ me { projects { edges { node { owner { projects { edges { node { id } } } } } } } } }';
    expect(await code(deep)).toMatchObject({ status: 400, code: 'QUERY_TOO_DEEP', message: 'Query depth 9 exceeds the maximum of 8' });
    const aliases = `{ ${Array.from({ length: 5 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    expect((await code(aliases)).code).toBe('TOO_MANY_ROOT_FIELDS');
    const aliasedFields = `{ me { ${Array.from({ length: 6 }, (_, i) => `a${i}: id`).join(' ')} } }`;
    expect(await code(aliasedFields)).toMatchObject({ status: 400, code: 'TOO_MANY_ALIASES' });
    const costly = '{ users(first: 100) { edges { node { projects(first: 100) { edges { node { id name } } } } } } }';
    expect(await code(costly)).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX' });
    // The same query with small pages passes: page sizes drive the cost, also through variables.
    const small = 'query($n: Int) { users(first: $n) { edges { node { projects(first: $n) { edges { node { id name } } } } } } }';
    expect((await server.raw({ query: small, variables: { n: 5 } })).errors).toBeUndefined();
    expect((await code(small, { n: 100 })).code).toBe('QUERY_TOO_COMPLEX');
    const tokens = `{ me { ${'id '.repeat(500)} } }`;
    expect(await code(tokens)).toMatchObject({ status: 400, code: 'DOCUMENT_TOO_LARGE', message: 'The document has more than 400 tokens' });
  });

  it('refuses an oversized body with 413 and batched requests', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.key}` },
      body: JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(30_000) } }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const batch = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.key}` },
      body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
    });
    expect(batch.status).toBe(400);
    expect((await server.ok(MeDocument)).me.id).toBe(server.admin.id);
  });

  it('requires a CSRF-safe request for GET and simple POSTs', async () => {
    const res = await fetch(`${server.url}?query=${encodeURIComponent('{ me { id } }')}`, { headers: { authorization: `Bearer ${server.key}` } });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF/);
  });

  it('rate-limits callers without a key per IP, with a retry hint', async () => {
    const anon = server.as(null);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await anon.request(ListUsersDocument, { first: 1 });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5).every((s) => s === 200 || s === 401)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(onlyError(last!)).toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } });
    // Guessed keys count against the IP too, not against a fresh bucket per key.
    const guess = await server.as(`cbk_${'a'.repeat(43)}`).request(MeDocument);
    expect(guess.status).toBe(429);
    // Keyed callers have their own buckets.
    expect((await server.ok(MeDocument)).me.id).toBe(server.admin.id);
  });

  it('tags every answer with a request id, and reuses a sane one from the client', async () => {
    const res = await fetch(server.url.replace('/graphql', '/healthz'), { headers: { 'x-request-id': 'trace-12345678' } });
    expect(res.headers.get('x-request-id')).toBe('trace-12345678');
    const other = await fetch(server.url.replace('/graphql', '/healthz'), { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe.each(selectedBackends())('production hardening on %s', (backend) => {
  it('gives no "did you mean" hints in production, but does in development', async () => {
    const prod = await TestServer.start(backend, { NODE_ENV: 'production' });
    const dev = await TestServer.start(backend);
    try {
      const query = '{ me { usernam } }';
      expect(onlyError(await prod.raw({ query })).message).toBe('Cannot query field "usernam" on type "User".');
      expect(onlyError(await dev.raw({ query })).message).toMatch(/Did you mean "username"\?/);
    } finally {
      await prod.stop();
      await dev.stop();
    }
  });
});
