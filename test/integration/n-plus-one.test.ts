import 'reflect-metadata';
import { CreateAutoSaveDocument, CreateCodeGenerationDocument, CreateProjectAnalysisDocument, CreateProjectDocument, CreateUserDocument } from '../generated/graphql';
import { freshDatabase, readTargets, serverHasLookups, type TestDatabase } from '../support/backends';
import { TestServer } from '../support/server';

const NESTED = `query ($n: Int) {
  users(first: $n) {
    totalCount
    edges { node { id username
      autoSaves(first: 5) { totalCount edges { node { id } } }
      projects(first: 20) { totalCount edges { node { id name owner { id }
        codeGenerations(first: 10) { totalCount edges { node { id language project { id } } } }
        analyses(first: 5) { edges { node { healthScore } } }
        latestAnalysis { id healthScore }
      } } }
    } }
  }
}`;

/**
 * Round trips for one request must depend on the query's depth, not on how many
 * rows it returns: the same count for 5 users as for 50.
 */
describe.each(readTargets())('database round trips on %s', (label, backend, mongoServer) => {
  let server: TestServer;
  let db: TestDatabase;
  /** At most this many: the batched path's levels, or one statement (SQL), or one pipeline and the root's count sent beside it (MongoDB with $lookup). */
  let most = 13;
  beforeAll(async () => {
    // The caller's key stays cached for the whole test, so no measured request pays for a key lookup
    // (with the default 2 s cache, one did whenever the machine was slow enough to let it expire).
    db = freshDatabase(backend, mongoServer);
    if (backend === 'mongodb' && (await serverHasLookups(db.databaseUrl))) most = 2;
    server = await TestServer.start(backend, { RATE_LIMIT_PER_MINUTE: '0', AUTH_CACHE_TTL_MS: '600000' }, db.databaseUrl);
    // 50 users (plus the admin), each with 2 projects holding 3 generations and 2 analyses, and 1 autosave.
    for (let u = 0; u < 50; u++) {
      const { user } = (await server.ok(CreateUserDocument, { input: { username: `user${u}`, email: `user${u}@example.com` } })).createUser;
      await server.ok(CreateAutoSaveDocument, { input: { userId: user.id, saveId: 's', filePath: 'f', content: 'c' } });
      for (let p = 0; p < 2; p++) {
        const project = (await server.ok(CreateProjectDocument, { input: { ownerId: user.id, name: `p${u}.${p}` } })).createProject;
        for (let g = 0; g < 3; g++) await server.ok(CreateCodeGenerationDocument, { input: { projectId: project.id, specification: 's', language: 'go' } });
        for (let a = 0; a < 2; a++) await server.ok(CreateProjectAnalysisDocument, { input: { projectId: project.id, healthScore: 50 + a } });
      }
    }
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    db?.dispose();
  });

  async function roundTrips(n: number) {
    const before = server.app.store.roundTrips;
    const res = await server.raw<{ users: { edges: { node: { projects: { edges: { node: { codeGenerations: { totalCount: number } } }[] } } }[] } }>({ query: NESTED, variables: { n } });
    expect(res.errors).toBeUndefined();
    const users = res.data!.users.edges;
    expect(users).toHaveLength(n);
    const withProjects = users.filter((u) => u.node.projects.edges.length === 2);
    expect(withProjects.length).toBeGreaterThanOrEqual(n - 1); // the admin owns none
    expect(withProjects[0].node.projects.edges[0].node.codeGenerations.totalCount).toBe(3);
    return server.app.store.roundTrips - before;
  }

  it('is the same small number for 5 users as for 50', async () => {
    expect((await server.raw({ query: '{ me { id } }' })).errors).toBeUndefined(); // caches the key
    const five = await roundTrips(5);
    const fifty = await roundTrips(50);
    process.stdout.write(`\nround trips on ${label}: 5 users → ${five}, 50 users → ${fifty}\n`);
    expect(fifty).toBe(five);
    expect(fifty).toBeLessThanOrEqual(most);
  });
});
