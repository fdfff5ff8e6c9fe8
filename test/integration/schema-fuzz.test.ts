import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { freshDatabase, readTargets, type TestDatabase } from '../support/backends';
import { cli } from '../support/cli';
import { SchemaFuzzer } from '../support/schema-fuzz';
import { TestServer } from '../support/server';

/**
 * Operations generated from the committed schema (valid ones at the edges of
 * every argument, then mutated invalid ones), sent through HTTP with the keys
 * of two users, an admin, no key and a wrong key. Whatever is sent: no 5xx, no
 * INTERNAL_SERVER_ERROR, every error with a code, nothing logged as a server
 * error, and the rollups still match a recount afterwards.
 * SCHEMA_FUZZ_OPERATIONS (default 5000) and SCHEMA_FUZZ_SEED (default 9) choose
 * how many and which; a failure prints the operation to replay it.
 */
const COUNT = Number(process.env.SCHEMA_FUZZ_OPERATIONS ?? 5000);
const SEED = Number(process.env.SCHEMA_FUZZ_SEED ?? 9);
const CLIENTS = 6;
const schema = buildSchema(readFileSync(join(__dirname, '../../schema/schema.graphql'), 'utf8'));

// On MongoDB's server with $lookup too: generated reads reach the compiled pipelines there.
describe.each(readTargets())('schema-aware fuzzing on %s', (target, backend, mongoServer) => {
  let server: TestServer;
  let db: TestDatabase;
  beforeAll(async () => {
    db = freshDatabase(backend, mongoServer);
    server = await TestServer.start(backend, { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_ANON_PER_MINUTE: '0' }, db.databaseUrl);
  });
  afterAll(async () => {
    await server.stop();
    db.dispose();
  });

  it(`answers ${COUNT} generated operations (seed ${SEED}) without a server error`, async () => {
    const users: { id: string; key: string }[] = [];
    for (const name of ['alice', 'bob']) {
      const res = await server.raw<{ createUser: { user: { id: string }; apiKey: string } }>({
        query: 'mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } apiKey } }',
        variables: { i: { username: name, email: `${name}@example.com` } },
      });
      users.push({ id: res.data!.createUser.user.id, key: res.data!.createUser.apiKey });
    }
    const fuzzer = new SchemaFuzzer(schema, SEED, new Set([server.admin.id, ...users.map((u) => u.id)]));
    // A few rows of each kind per user, so generated ids hit real rows (own and others').
    for (const u of users) {
      const as = server.as(u.key);
      for (let p = 0; p < 3; p++) {
        const project = await as.raw<{ createProject: { id: string } }>({ query: 'mutation($n: String!) { createProject(input: { name: $n }) { id } }', variables: { n: `seed-${p}` } });
        const pid = project.data!.createProject.id;
        fuzzer.ids.add(pid);
        for (const q of [
          `mutation { createCodeGeneration(input: { projectId: "${pid}", specification: "s", language: "go", tokensUsed: 5 }) { id } }`,
          `mutation { createProjectAnalysis(input: { projectId: "${pid}", healthScore: 70 }) { id } }`,
          `mutation { createAutoSave(input: { saveId: "s-${p}", filePath: "a.ts", content: "x" }) { id } }`,
        ]) {
          const res = await as.raw({ query: q });
          expect(res.errors).toBeUndefined();
          fuzzer.ids.collect(res.data);
        }
      }
    }

    const keys: (string | null)[] = [...Array(3).fill(server.admin.apiKey), ...Array(3).fill(users[0].key), ...Array(3).fill(users[1].key), null, 'cbk_' + 'x'.repeat(43)];
    const tally: Record<string, number> = {};
    const failures: string[] = [];
    let sent = 0;
    const client = async () => {
      while (sent < COUNT) {
        sent++;
        const op = fuzzer.next();
        const key = fuzzer.pick(keys);
        const res = await server.as(key).raw({ query: op.query, variables: op.variables, operationName: 'Fuzz' });
        fuzzer.ids.collect(res.data);
        const codes = (res.errors ?? []).map((e) => e.extensions?.code);
        const label = codes.length ? String(codes[0]) : 'ok';
        tally[label] = (tally[label] ?? 0) + 1;
        if (res.status >= 500 || codes.some((c) => typeof c !== 'string' || c === 'INTERNAL_SERVER_ERROR')) {
          const bad = (res.errors ?? []).filter((e) => typeof e.extensions?.code !== 'string' || e.extensions.code === 'INTERNAL_SERVER_ERROR');
          if (failures.length < 10)
            failures.push(`${op.kind} → ${res.status} ${JSON.stringify(bad).slice(0, 600)}\n  replay: ${JSON.stringify({ query: op.query, variables: op.variables }).slice(0, 1500)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    process.stdout.write(`\nschema fuzz on ${target}: ${COUNT} operations (seed ${SEED}), answers by first code: ${JSON.stringify(tally)}\n`);
    expect(failures).toEqual([]);
    expect(tally.ok).toBeGreaterThan(COUNT * 0.15);
    expect(server.logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
    expect((await fetch(server.url.replace('/graphql', '/healthz'))).status).toBe(200);
    const rollups = await cli(server.db, 'db', 'rollups');
    expect(rollups.out).toBe(`${backend}: rollups match a full recount`);
  }, 600_000);
});
