import 'reflect-metadata';
import { selectedBackends } from '../support/backends';
import { TestServer } from '../support/server';

/**
 * What a frontend team meets, through real HTTP on every backend: CORS for a
 * browser app on another origin (with Apollo's CSRF prevention still on), the
 * same 401 for a missing and a wrong key, Relay's node/nodes, nested lists with
 * the top-level filters and orders, users filtered and sorted, truthful
 * pageInfo for first: 0, and a dashboard-sized query within the default limits.
 */
const APP = 'http://app.example.test:5173';

describe.each(selectedBackends())('frontend contract on %s', (backend) => {
  let server: TestServer;
  let alice: TestServer;
  let aliceId: string;
  let bobProject: string;
  let projects: string[] = [];

  const gql = async <T = Record<string, any>>(as: TestServer, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await as.raw<T>({ query, variables });
    if (res.errors?.length || !res.data) throw new Error(`failed: ${JSON.stringify(res.errors)}`);
    return res.data;
  };

  beforeAll(async () => {
    server = await TestServer.start(backend, { CORS_ORIGINS: `${APP},https://admin.example.test`, RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_ANON_PER_MINUTE: '0' });
    const made = async (username: string) =>
      (
        await gql<{ createUser: { user: { id: string }; apiKey: string } }>(
          server,
          `mutation($u: String!) { createUser(input: { username: $u, email: "${username}@example.com" }) { user { id } apiKey } }`,
          { u: username },
        )
      ).createUser;
    const a = await made('alice');
    const b = await made('bob');
    alice = server.as(a.apiKey);
    aliceId = a.user.id;
    for (const name of ['delta', 'alpha', 'charlie', 'bravo']) {
      projects.push((await gql<{ createProject: { id: string } }>(alice, `mutation($n: String!) { createProject(input: { name: $n }) { id } }`, { n: name })).createProject.id);
    }
    bobProject = (await gql<{ createProject: { id: string } }>(server.as(b.apiKey), `mutation { createProject(input: { name: "bob's" }) { id } }`)).createProject.id;
    for (const [i, tokens] of [5, 50, 500, 5].entries()) {
      await gql(
        alice,
        `mutation($p: ID!, $t: Int!, $s: GenerationStatus) { createCodeGeneration(input: { projectId: $p, specification: "s${i}", language: "go", tokensUsed: $t, status: $s }) { id } }`,
        {
          p: projects[0],
          t: tokens,
          s: i % 2 ? 'COMPLETED' : 'FAILED',
        },
      );
    }
    for (const score of [70, 20, 90]) await gql(alice, `mutation($p: ID!, $h: Int!) { createProjectAnalysis(input: { projectId: $p, healthScore: $h }) { id } }`, { p: projects[0], h: score });
    for (const path of ['b.ts', 'a.ts', 'c.ts'])
      await gql(alice, `mutation($u: ID!, $f: String!) { createAutoSave(input: { userId: $u, saveId: "s", filePath: $f, content: "x" }) { id } }`, { u: aliceId, f: path });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  describe('CORS', () => {
    const preflight = (origin: string, headers = 'content-type, authorization') =>
      fetch(server.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers } });

    it('answers a preflight from a listed origin: 204, that origin, the headers Apollo Client sends, a max age, no credentials', async () => {
      const res = await preflight(APP, 'content-type, authorization, apollo-require-preflight');
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(APP);
      expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST,OPTIONS');
      expect(res.headers.get('access-control-allow-headers')?.split(',')).toEqual(expect.arrayContaining(['authorization', 'content-type', 'apollo-require-preflight']));
      expect(res.headers.get('access-control-max-age')).toBe('600');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('vary')).toMatch(/Origin/);
    });

    it('gives an unlisted origin no CORS headers (the browser then refuses the answer)', async () => {
      const res = await preflight('https://evil.example.test');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const post = await fetch(server.url, { method: 'POST', headers: { origin: 'https://evil.example.test', 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(post.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers a listed origin with its origin and the headers a client may read; CSRF prevention still refuses a simple GET', async () => {
      const post = await fetch(server.url, {
        method: 'POST',
        headers: { origin: APP, 'content-type': 'application/json', authorization: `Bearer ${alice.key}` },
        body: JSON.stringify({ query: '{ me { username } }' }),
      });
      expect(post.status).toBe(200);
      expect(await post.json()).toEqual({ data: { me: { username: 'alice' } } });
      expect(post.headers.get('access-control-allow-origin')).toBe(APP);
      expect(post.headers.get('access-control-expose-headers')?.split(',')).toEqual(expect.arrayContaining(['x-request-id', 'retry-after']));
      // A GET a browser could send cross-site without a preflight is refused by Apollo's CSRF prevention.
      const simple = await fetch(`${server.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { origin: APP } });
      expect(simple.status).toBe(400);
      expect(await simple.text()).toMatch(/CSRF/);
    });
  });

  describe('authentication', () => {
    it('answers a missing key and a wrong key the same way: 401, UNAUTHENTICATED, WWW-Authenticate: Bearer', async () => {
      const answers = [];
      for (const authorization of [undefined, 'Bearer cbk_wrong_wrong_wrong_wrong', 'Basic Zm9vOmJhcg==']) {
        const res = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify({ query: '{ me { id } }' }),
        });
        const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
        answers.push([res.status, res.headers.get('www-authenticate'), body.errors[0].extensions.code]);
      }
      expect(answers).toEqual([
        [401, 'Bearer', 'UNAUTHENTICATED'],
        [401, 'Bearer', 'UNAUTHENTICATED'],
        [401, 'Bearer', 'UNAUTHENTICATED'],
      ]);
    });

    it('keeps introspection open without a key (Apollo Sandbox, codegen)', async () => {
      const res = await server.as(null).raw<{ __schema: { queryType: { name: string } } }>({ query: '{ __schema { queryType { name } } }' });
      expect([res.status, res.data?.__schema.queryType.name]).toEqual([200, 'Query']);
    });
  });

  describe('Relay node', () => {
    it('fetches any object by id with its type; another user’s id and a missing one answer null alike', async () => {
      const gen = (await gql<{ codeGenerations: { edges: { node: { id: string } }[] } }>(alice, '{ codeGenerations(first: 1) { edges { node { id } } } }')).codeGenerations.edges[0].node.id;
      const missing = '00000000-0000-4000-8000-000000000000';
      const q = `query($id: ID!) { node(id: $id) { __typename id ... on Project { name } } }`;
      expect((await gql(alice, q, { id: projects[1] })).node).toEqual({ __typename: 'Project', id: projects[1], name: 'alpha' });
      expect((await gql(alice, q, { id: aliceId })).node).toEqual({ __typename: 'User', id: aliceId });
      expect((await gql(alice, q, { id: bobProject })).node).toBeNull();
      expect((await gql(alice, q, { id: missing })).node).toBeNull();
      // An admin reaches everything.
      expect((await gql(server, q, { id: bobProject })).node).toMatchObject({ __typename: 'Project', id: bobProject });
      const many = await gql(alice, `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids: [gen, bobProject, projects[0].toUpperCase(), missing, aliceId] });
      expect(many.nodes).toEqual([{ __typename: 'CodeGeneration', id: gen }, null, { __typename: 'Project', id: projects[0] }, null, { __typename: 'User', id: aliceId }]);
    });

    it('refuses ids that are not UUIDs and more than 100 at once (BAD_USER_INPUT)', async () => {
      const bad = await alice.raw({ query: '{ node(id: "nope") { id } }' });
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const ids = Array.from({ length: 101 }, () => '00000000-0000-4000-8000-000000000000');
      const tooMany = await alice.raw({ query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids } });
      expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('lists', () => {
    const names = (c: { edges: { node: { name: string } }[] }) => c.edges.map((e) => e.node.name);

    it('nested connections take the filter and orderBy of the top-level lists, and page by cursor in that order', async () => {
      const order = { field: 'NAME', direction: 'DESC' };
      const filter = { name: { in: ['alpha', 'bravo', 'delta'] } };
      const top = await gql(alice, `query($f: ProjectFilter, $o: ProjectOrder) { projects(filter: $f, orderBy: $o) { edges { node { name } } } }`, { f: filter, o: order });
      const nested = await gql(
        alice,
        `query($f: ProjectFilter, $o: ProjectOrder) { me { projects(first: 2, filter: $f, orderBy: $o) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } } }`,
        {
          f: filter,
          o: order,
        },
      );
      expect(names(top.projects)).toEqual(['delta', 'bravo', 'alpha']);
      expect([names(nested.me.projects), nested.me.projects.totalCount, nested.me.projects.pageInfo.hasNextPage]).toEqual([['delta', 'bravo'], 3, true]);
      const next = await gql(
        alice,
        `query($f: ProjectFilter, $o: ProjectOrder, $a: String) { me { projects(first: 2, after: $a, filter: $f, orderBy: $o) { edges { node { name } } pageInfo { hasNextPage } } } }`,
        {
          f: filter,
          o: order,
          a: nested.me.projects.pageInfo.endCursor,
        },
      );
      expect([names(next.me.projects), next.me.projects.pageInfo.hasNextPage]).toEqual([['alpha'], false]);

      const gens = await gql(
        alice,
        `query($p: ID!) { project(id: $p) { codeGenerations(filter: { tokensUsed: { gte: 5 }, status: { in: [COMPLETED] } }, orderBy: { field: TOKENS_USED, direction: DESC }) { edges { node { tokensUsed status } } } } }`,
        { p: projects[0] },
      );
      expect(gens.project.codeGenerations.edges.map((e: { node: unknown }) => e.node)).toEqual([
        { tokensUsed: 50, status: 'COMPLETED' },
        { tokensUsed: 5, status: 'COMPLETED' },
      ]);
      const analyses = await gql(
        alice,
        `query($p: ID!) { project(id: $p) { analyses(filter: { healthScore: { gte: 50 } }, orderBy: { field: HEALTH_SCORE, direction: DESC }) { edges { node { healthScore } } } } }`,
        {
          p: projects[0],
        },
      );
      expect(analyses.project.analyses.edges.map((e: { node: { healthScore: number } }) => e.node.healthScore)).toEqual([90, 70]);
      const saves = await gql(alice, `{ me { autoSaves(orderBy: { field: CREATED_AT, direction: DESC }, filter: { filePath: { in: ["a.ts", "c.ts"] } }) { edges { node { filePath } } } } }`);
      expect(saves.me.autoSaves.edges.map((e: { node: { filePath: string } }) => e.node.filePath)).toEqual(['c.ts', 'a.ts']);
    });

    it('filters cover every sortable field: updatedAt on generations, id on analyses and autosaves', async () => {
      const since = '2000-01-01T00:00:00Z';
      const gens = await gql(alice, `query($t: DateTime!) { codeGenerations(filter: { updatedAt: { gte: $t } }) { totalCount } }`, { t: since });
      expect(gens.codeGenerations.totalCount).toBe(4);
      const first = (await gql(alice, '{ projectAnalyses(first: 1) { edges { node { id } } } }')).projectAnalyses.edges[0].node.id;
      expect((await gql(alice, `query($id: ID!) { projectAnalyses(filter: { id: { eq: $id } }) { totalCount } }`, { id: first })).projectAnalyses.totalCount).toBe(1);
      const save = (await gql(alice, '{ autoSaves(first: 1) { edges { node { id } } } }')).autoSaves.edges[0].node.id;
      expect((await gql(alice, `query($id: ID!) { autoSaves(filter: { id: { in: [$id] }, updatedAt: { gte: "${since}" } }) { totalCount } }`, { id: save })).autoSaves.totalCount).toBe(1);
    });

    it('users are filtered (username or email contains, role) and sorted for admins; anyone else sees only themselves', async () => {
      const q = `query($f: UserFilter, $o: UserOrder) { users(filter: $f, orderBy: $o) { edges { node { username } } } }`;
      const usernames = (d: { users: { edges: { node: { username: string } }[] } }) => d.users.edges.map((e) => e.node.username);
      expect(usernames(await gql(server, q, { f: { OR: [{ username: { contains: 'LIC' } }, { email: { contains: 'bob@' } }] }, o: { field: 'USERNAME', direction: 'DESC' } }))).toEqual([
        'bob',
        'alice',
      ]);
      expect(usernames(await gql(server, q, { f: { role: { eq: 'ADMIN' } } }))).toEqual(['root']);
      expect(usernames(await gql(alice, q, { o: { field: 'USERNAME', direction: 'ASC' } }))).toEqual(['alice']);
    });

    it('first: 0 answers hasNextPage truthfully, at the top and nested', async () => {
      const top = await gql(alice, '{ projects(first: 0) { edges { cursor } pageInfo { hasNextPage } } none: projects(first: 0, filter: { name: { eq: "zzz" } }) { pageInfo { hasNextPage } } }');
      expect([top.projects.edges, top.projects.pageInfo.hasNextPage, top.none.pageInfo.hasNextPage]).toEqual([[], true, false]);
      const nested = await gql(alice, '{ me { projects(first: 0) { pageInfo { hasNextPage } } autoSaves(first: 0, saveId: "none") { pageInfo { hasNextPage } } } }');
      expect([nested.me.projects.pageInfo.hasNextPage, nested.me.autoSaves.pageInfo.hasNextPage]).toEqual([true, false]);
    });
  });

  it('a dashboard query passes the default cost limits', async () => {
    const dashboard = `{ me { username projects(first: 50) { totalCount edges { node { id name status updatedAt
      codeGenerations(first: 10) { totalCount edges { node { id status language tokensUsed createdAt } } }
      latestAnalysis { healthScore issuesCount createdAt } } } pageInfo { hasNextPage endCursor } } } }`;
    const res = await alice.raw<{ me: { projects: { totalCount: number } } }>({ query: dashboard });
    expect(res.errors).toBeUndefined();
    expect(res.data?.me.projects.totalCount).toBe(4);
    // Three nested lists at their maximum page sizes are refused before anything runs.
    const huge = await alice.raw({ query: '{ users(first: 100) { edges { node { projects(first: 100) { edges { node { codeGenerations(first: 100) { edges { node { id } } } } } } } } } }' });
    expect(huge.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('deletes answer the id that went and the parent as it is now', async () => {
    const made = (await gql(alice, `mutation($p: ID!) { createCodeGeneration(input: { projectId: $p, specification: "x", language: "go" }) { id } }`, { p: projects[3] })).createCodeGeneration.id;
    const gone = await gql(alice, `mutation($id: ID!) { deleteCodeGeneration(id: $id) { deletedId project { id codeGenerations(first: 0) { totalCount } } } }`, { id: made });
    expect(gone.deleteCodeGeneration).toEqual({ deletedId: made, project: { id: projects[3], codeGenerations: { totalCount: 0 } } });
    const project = await gql(alice, `mutation($id: ID!) { deleteProject(id: $id) { deletedId owner { username projects(first: 0) { totalCount } } } }`, { id: projects[3] });
    expect(project.deleteProject).toEqual({ deletedId: projects[3], owner: { username: 'alice', projects: { totalCount: 3 } } });
    projects = projects.slice(0, 3);
  });
});
