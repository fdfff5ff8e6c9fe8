import 'reflect-metadata';
import { prng } from '../../src/backup/seed-data';
import { CreateProjectDocument, CreateUserDocument, DeleteProjectDocument, ListUsersDocument } from '../generated/graphql';
import { selectedBackends } from '../support/backends';
import { TestServer } from '../support/server';

/**
 * Abuse suite: thousands of generated malformed or hostile requests against the
 * real HTTP server. Nothing may crash it, nothing may answer 5xx, and no row may
 * change. FUZZ_REQUESTS sets the count per backend (default 1500).
 */
const COUNT = Number(process.env.FUZZ_REQUESTS ?? 1500);
const FIELDS = [
  'me',
  'user',
  'users',
  'project',
  'projects',
  'codeGenerations',
  'autoSaves',
  'edges',
  'node',
  'id',
  'owner',
  'name',
  'totalCount',
  '__schema',
  '__typename',
  'pageInfo',
  'createProject',
  'deleteUser',
  'updateUser',
];
const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  ':',
  '$',
  '...',
  '@include',
  'query',
  'mutation',
  'fragment',
  'on',
  '"x"',
  '123',
  '-1',
  'null',
  'true',
  '[',
  ']',
  '=',
  '!',
  ',',
  '#',
  '\\u0000',
  '"\\uD800"',
  '1e309',
];
const INJECTIONS: unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000)' },
  { $regex: '.*' },
  "' OR '1'='1",
  '1; DROP TABLE users; --',
  '%',
  '_',
  '\\',
  '\u0000',
  '\ud800',
  ['a', 'b'],
  12345678901234567890,
  -1,
  1e308,
  '../../etc/passwd',
  '<script>alert(1)</script>',
];

type Req = { body: string | Buffer; headers?: Record<string, string>; method?: string; kind: string };

function generator(seed: number) {
  const r = prng(seed);
  const injection = () => r.pick(INJECTIONS);
  const gens: (() => Req)[] = [
    () => ({ kind: 'random-document', body: JSON.stringify({ query: Array.from({ length: r.int(1, 60) }, () => (r.next() < 0.5 ? r.pick(FIELDS) : r.pick(TOKENS))).join(' ') }) }),
    () => {
      const depth = r.int(10, 200);
      return { kind: 'deep-nesting', body: JSON.stringify({ query: '{ me ' + '{ projects { edges { node { owner '.repeat(depth) + '{ id }' + ' } } } }'.repeat(depth) + ' }' }) };
    },
    () => ({ kind: 'alias-flood', body: JSON.stringify({ query: `{ ${Array.from({ length: r.int(31, 2000) }, (_, i) => `a${i}: me { id }`).join(' ')} }` }) }),
    () => ({ kind: 'huge-string', body: JSON.stringify({ query: 'mutation($n: String!) { createProject(input: { name: $n }) { id } }', variables: { n: 'x'.repeat(r.int(201, 500_000)) } }) }),
    () => ({
      kind: 'wrong-types',
      body: JSON.stringify({
        query: r.pick([
          'query($id: ID!) { project(id: $id) { id } }',
          'query($n: Int) { users(first: $n) { totalCount } }',
          'mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }',
          'mutation($id: ID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { id } }',
        ]),
        variables: {
          id: injection(),
          n: r.pick(['10', 1.5, -5, 1e9, [], {}, true]),
          i: r.pick([{ name: injection() }, { name: 'ok', config: { $set: { role: 'admin' } } }, { role: 'ADMIN' }, injection(), { name: 'ok', ownerId: injection() }]),
        },
      }),
    }),
    () => ({
      kind: 'invalid-json',
      body: r.pick(['{"query": ', '{', 'null', '[]', '"str"', '{"query": 42}', '{"query": "{ me { id } }", "variables": "x"}', '\u0000\u0001\u0002', '{"query":"{ me { id } }"'.repeat(3)]),
    }),
    () => ({
      kind: 'operator-injection',
      body: JSON.stringify({
        query: r.pick([
          'query($s: String, $id: ID) { codeGenerations(language: $s, projectId: $id) { totalCount } }',
          'query($s: String) { autoSaves(saveId: $s) { totalCount } }',
          'query($id: ID!) { user(id: $id) { id } }',
          'query($c: String) { users(after: $c) { totalCount } }',
          'mutation($id: ID!) { deleteProject(id: $id) { deletedId } }',
        ]),
        variables: { s: injection(), id: injection(), c: injection() },
      }),
    }),
    () => ({ kind: 'oversized-body', body: Buffer.alloc(r.int(1_100_000, 2_000_000), 'a') }),
    () => ({
      kind: 'bad-content-type',
      body: '{"query":"{ me { id } }"}',
      headers: { 'content-type': r.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/graphql']) },
    }),
    () => ({ kind: 'bad-method', body: '', method: r.pick(['PUT', 'DELETE', 'PATCH']) }),
  ];
  return () => gens[r.int(0, gens.length - 1)]();
}

describe.each(selectedBackends())('abuse on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    // Production mode: what a client sees there must leak nothing (no stacks, no driver text).
    server = await TestServer.start(backend, { NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_ANON_PER_MINUTE: '0' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it(`survives ${COUNT} hostile requests: no 5xx, no crash, no row changed`, async () => {
    // Someone else's data, which the attacker (a plain user) must not reach.
    const victim = (await server.ok(CreateUserDocument, { input: { username: 'victim', email: 'victim@example.com' } })).createUser;
    await server.as(victim.apiKey).ok(CreateProjectDocument, { input: { name: 'secret', config: { token: 'hidden' } } });
    const attacker = (await server.ok(CreateUserDocument, { input: { username: 'mallory', email: 'mallory@example.com' } })).createUser;
    const snapshot = async () =>
      JSON.stringify(
        await server.raw({
          query:
            '{ users(first: 100) { totalCount edges { node { id username role updatedAt } } } projects(first: 100) { totalCount edges { node { id name config updatedAt } } } codeGenerations { totalCount } autoSaves { totalCount } projectAnalyses { totalCount } }',
        }),
      );
    const before = await snapshot();

    const next = generator(20261124);
    const statuses: Record<number, number> = {};
    const kinds: Record<string, number> = {};
    const bad: string[] = [];
    const accepted: string[] = [];
    let sent = 0;
    const worker = async () => {
      while (sent < COUNT) {
        sent++;
        const req = next();
        const key = sent % 3 === 0 ? null : attacker.apiKey;
        const res = await fetch(server.url, {
          method: req.method ?? 'POST',
          headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...req.headers },
          body: req.method && req.method !== 'POST' ? undefined : req.body,
        }).catch((e: Error) => ({ status: 0, text: async () => e.message }));
        const text = await res.text();
        // A hostile-looking value can still be valid (a project named "%"): such writes are accepted, stored
        // literally, and undone below, so that what is compared is what rejected requests did.
        const created = /"createProject":\{"id":"([0-9a-f-]{36})"/.exec(text);
        if (created) accepted.push(created[1]);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        kinds[req.kind] = (kinds[req.kind] ?? 0) + 1;
        if (/INTERNAL_SERVER_ERROR/.test(text)) bad.push(`${req.kind} → internal error: ${text.slice(0, 200)}`);
        if (res.status >= 500 || res.status === 0) bad.push(`${req.kind} → ${res.status}: ${text.slice(0, 200)}`);
        if (/at .*\.(js|ts):\d+|stacktrace|SQLITE_|syntax error at or near|MongoServerError/i.test(text)) bad.push(`${req.kind} leaked internals: ${text.slice(0, 200)}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));

    process.stdout.write(
      `\nabuse on ${backend}: ${COUNT} requests; by kind ${JSON.stringify(kinds)}; by status ${JSON.stringify(statuses)}; ` + `accepted writes ${accepted.length}; 5xx or leaks: ${bad.length}\n`,
    );
    expect(bad).toEqual([]);
    const health = await fetch(server.url.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);
    expect((await server.ok(ListUsersDocument, { first: 1 })).users.totalCount).toBe(3); // root, victim, mallory
    for (const id of accepted) await server.ok(DeleteProjectDocument, { id });
    expect(await snapshot()).toBe(before);
  });
});
