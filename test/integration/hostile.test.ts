import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { selectedBackends } from '../support/backends';
import { onlyError, TestServer } from '../support/server';

/** One request the issue tracker saw answered as a server error, each as the client mistake it is. */
describe.each(selectedBackends())('client mistakes on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start(backend, { NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const codeOf = async (body: unknown) => {
    const res = await server.raw(body);
    const error = onlyError(res);
    if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') console.log(JSON.stringify(res), server.logs.slice(-2));
    expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    return { status: res.status, code: error.extensions?.code, message: error.message, extensions: error.extensions };
  };

  it('answers a fragment bomb (each fragment spreading the next twice, 30 levels) at once, without a key', async () => {
    let query = '{ me { ...D0 } }\n';
    for (let i = 0; i < 29; i++) query += `fragment D${i} on User { ...D${i + 1} ...D${i + 1} }\n`;
    query += 'fragment D29 on User { id }\n';
    const anonymous = server.as(null);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const res = await anonymous.raw({ query });
      times.push(performance.now() - started);
      expect(res.status).toBe(400);
      expect(onlyError(res).extensions?.code).toBe('QUERY_TOO_COMPLEX');
    }
    // The best of three: a slow moment of a shared machine says nothing about the server.
    expect(Math.min(...times)).toBeLessThan(50);
    expect((await fetch(server.url.replace('/graphql', '/healthz'))).status).toBe(200);
  });

  it('treats an explicit null as the default on create and refuses it on update, per field', async () => {
    const created = await server.raw<{ createProject: { name: string; config: object; description: string } }>({
      query: 'mutation { createProject(input: { name: "nulls", config: null, description: null, status: null }) { name config description status } }',
    });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createProject).toEqual({ name: 'nulls', config: {}, description: '', status: 'DRAFT' });
    const project = await server.raw<{ createProject: { id: string } }>({ query: 'mutation { createProject(input: { name: "p" }) { id } }' });
    const update = await codeOf({ query: `mutation { updateProject(id: "${project.data!.createProject.id}", input: { config: null }) { id } }` });
    expect(update).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { fields: [{ field: 'config', messages: ['config cannot be null; omit it to leave it unchanged'] }] } });
  });

  it('answers an unknown operationName, or several operations without one, as a client error', async () => {
    expect(await codeOf({ query: 'query A { me { id } }', operationName: 'B' })).toMatchObject({ status: 400, code: 'OPERATION_RESOLUTION_FAILURE', message: 'Unknown operation named "B".' });
    expect(await codeOf({ query: 'query A { me { id } } query B { me { id } }' })).toMatchObject({
      status: 400,
      code: 'OPERATION_RESOLUTION_FAILURE',
      message: 'Must provide operation name if query contains multiple operations.',
    });
  });

  it('refuses a subscription over HTTP', async () => {
    expect(await codeOf({ query: 'subscription { autoSaveCreated { id } }' })).toMatchObject({ status: 400, code: 'SUBSCRIPTION_OVER_HTTP' });
  });

  it('answers persisted queries as Apollo documents them: unknown hash, mismatched hash, then a registered one', async () => {
    const query = '{ me { id } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    expect(await codeOf({ extensions: { persistedQuery: { version: 1, sha256Hash } } })).toMatchObject({ code: 'PERSISTED_QUERY_NOT_FOUND' });
    expect(await codeOf({ query, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } })).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      message: 'provided sha does not match query',
    });
    expect((await server.raw({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } })).errors).toBeUndefined();
    const hit = await server.raw<{ me: { id: string } }>({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(hit.data!.me.id).toBe(server.admin.id);
    expect(await codeOf({ query, extensions: { persistedQuery: { version: 2, sha256Hash } } })).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });

  it('refuses text with a lone surrogate per field, in a variable or a literal', async () => {
    const viaVariable = await codeOf({
      query: 'mutation($e: String!) { createUser(input: { username: "surrogate", email: $e }) { user { id } } }',
      variables: { e: 'b\ud800@example.com' },
    });
    expect(viaVariable).toMatchObject({ status: 200, code: 'BAD_USER_INPUT', extensions: { fields: [{ field: 'email', messages: ['email must be a valid email address'] }] } });
    const name = await codeOf({ query: 'mutation($n: String!) { createProject(input: { name: $n }) { id } }', variables: { n: 'a\udc00b' } });
    expect(name).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { fields: [{ field: 'name' }] } });
  });

  it('refuses variables nested deeper than the limit before coercing them', async () => {
    // Written out by hand: JSON.stringify itself recurses.
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const json = await codeOf(`{"query":"mutation($c: JSONObject) { createProject(input: { name: \\"deep\\", config: $c }) { id } }","variables":{"c":${deep}}}`);
    expect(json).toMatchObject({ status: 400, code: 'VARIABLES_TOO_DEEP' });
    const filter = `${'{"AND":['.repeat(5000)}{"name":{"eq":"x"}}${']}'.repeat(5000)}`;
    const and = await codeOf(`{"query":"query($f: ProjectFilter) { projects(filter: $f) { totalCount } }","variables":{"f":${filter}}}`);
    expect(and).toMatchObject({ status: 400, code: 'VARIABLES_TOO_DEEP' });
    // Within the variables limit, the filter's own limit answers.
    let shallow: Record<string, unknown> = { name: { eq: 'x' } };
    for (let i = 0; i < 8; i++) shallow = { AND: [shallow] };
    expect(await codeOf({ query: 'query($f: ProjectFilter) { projects(filter: $f) { totalCount } }', variables: { f: shallow } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'filter nests AND/OR deeper than 5 levels',
    });
  });
});
