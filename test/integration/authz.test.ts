import 'reflect-metadata';
import {
  CreateAutoSaveDocument,
  CreateCodeGenerationDocument,
  CreateProjectAnalysisDocument,
  CreateProjectDocument,
  CreateUserDocument,
  DeleteAutoSaveDocument,
  DeleteCodeGenerationDocument,
  DeleteProjectAnalysisDocument,
  DeleteProjectDocument,
  DeleteUserDocument,
  GetAutoSaveDocument,
  GetCodeGenerationDocument,
  GetProjectAnalysisDocument,
  GetProjectDocument,
  GetUserDocument,
  ListAutoSavesDocument,
  ListCodeGenerationsDocument,
  ListProjectAnalysesDocument,
  ListProjectsDocument,
  ListUsersDocument,
  MeDocument,
  RevokeApiKeyDocument,
  RotateApiKeyDocument,
  UpdateAutoSaveDocument,
  UpdateCodeGenerationDocument,
  UpdateProjectAnalysisDocument,
  UpdateProjectDocument,
  UpdateUserDocument,
  UserTreeDocument,
} from '../generated/graphql';
import { selectedBackends } from '../support/backends';
import { onlyError, TestServer, type GraphQLResponse } from '../support/server';
import { User } from '../../src/entities';

type Actor = 'owner' | 'other' | 'admin' | 'anonymous';
/** ok: allowed; hidden: answers as if the row did not exist; unauth: UNAUTHENTICATED. */
type Outcome = 'ok' | 'hidden' | 'unauth';
const EXPECT: Record<Actor, Outcome> = { owner: 'ok', admin: 'ok', other: 'hidden', anonymous: 'unauth' };

/** Classifies a response: a null payload or NOT_FOUND error is "hidden", exactly like a missing row. */
function outcome(res: GraphQLResponse<Record<string, unknown>>, field: string): Outcome | string {
  if (res.errors?.length) {
    const code = res.errors[0].extensions?.code;
    return code === 'NOT_FOUND' ? 'hidden' : code === 'UNAUTHENTICATED' ? 'unauth' : `error ${code}: ${res.errors[0].message}`;
  }
  return res.data?.[field] == null ? 'hidden' : 'ok';
}

describe.each(selectedBackends())('authorization on %s', (backend) => {
  let server: TestServer;
  const keys: Record<Actor, string | null> = { owner: null, other: null, admin: null, anonymous: null };
  let alice: { id: string };
  let bob: { id: string };
  let seq = 0;
  const as = (actor: Actor) => server.as(keys[actor]);

  beforeAll(async () => {
    server = await TestServer.start(backend);
    keys.admin = server.admin.apiKey;
    const a = (await server.ok(CreateUserDocument, { input: { username: 'alice', email: 'alice@example.com' } })).createUser;
    const b = (await server.ok(CreateUserDocument, { input: { username: 'bob', email: 'bob@example.com' } })).createUser;
    alice = a.user;
    bob = b.user;
    keys.owner = a.apiKey;
    keys.other = b.apiKey;
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Fresh rows owned by alice, made by alice herself. */
  async function aliceRows() {
    const alicer = as('owner');
    const project = (await alicer.ok(CreateProjectDocument, { input: { name: `p${seq++}` } })).createProject;
    const gen = (await alicer.ok(CreateCodeGenerationDocument, { input: { projectId: project.id, specification: 's', language: 'go' } })).createCodeGeneration;
    const analysis = (await alicer.ok(CreateProjectAnalysisDocument, { input: { projectId: project.id, healthScore: 50 } })).createProjectAnalysis;
    const save = (await alicer.ok(CreateAutoSaveDocument, { input: { saveId: 's', filePath: 'f.ts', content: 'x' } })).createAutoSave;
    return { project, gen, analysis, save };
  }

  const actors: Actor[] = ['owner', 'other', 'admin', 'anonymous'];

  it.each(actors)('reads by id: %s', async (actor) => {
    const rows = await aliceRows();
    const c = as(actor);
    const results = {
      user: outcome(await c.request(GetUserDocument, { id: alice.id }), 'user'),
      project: outcome(await c.request(GetProjectDocument, { id: rows.project.id }), 'project'),
      codeGeneration: outcome(await c.request(GetCodeGenerationDocument, { id: rows.gen.id }), 'codeGeneration'),
      projectAnalysis: outcome(await c.request(GetProjectAnalysisDocument, { id: rows.analysis.id }), 'projectAnalysis'),
      autoSave: outcome(await c.request(GetAutoSaveDocument, { id: rows.save.id }), 'autoSave'),
      tree: outcome(await c.request(UserTreeDocument, { id: alice.id }), 'user'),
    };
    const e = EXPECT[actor];
    expect(results).toEqual({ user: e, project: e, codeGeneration: e, projectAnalysis: e, autoSave: e, tree: e });
  });

  it.each(actors)("lists and filters: %s sees alice's rows only if allowed", async (actor) => {
    const rows = await aliceRows();
    const c = as(actor);
    const lists = [
      [await c.request(ListProjectsDocument, { first: 100, ownerId: alice.id }), 'projects', rows.project.id],
      [await c.request(ListCodeGenerationsDocument, { first: 100, projectId: rows.project.id }), 'codeGenerations', rows.gen.id],
      [await c.request(ListCodeGenerationsDocument, { first: 100, status: 'PENDING' }), 'codeGenerations', rows.gen.id],
      [await c.request(ListProjectAnalysesDocument, { first: 100, projectId: rows.project.id }), 'projectAnalyses', rows.analysis.id],
      [await c.request(ListAutoSavesDocument, { first: 100, userId: alice.id }), 'autoSaves', rows.save.id],
      [await c.request(ListUsersDocument, { first: 100 }), 'users', alice.id],
    ] as const;
    for (const [res, field, id] of lists) {
      if (actor === 'anonymous') {
        expect(onlyError(res).extensions?.code).toBe('UNAUTHENTICATED');
        continue;
      }
      const ids = (res.data as Record<string, { edges: { node: { id: string } }[] }>)[field].edges.map((e) => e.node.id);
      expect({ field, visible: ids.includes(id) }).toEqual({ field, visible: actor !== 'other' });
    }
  });

  it.each(actors)('updates: %s', async (actor) => {
    const rows = await aliceRows();
    const c = as(actor);
    const results = {
      user: outcome(await c.request(UpdateUserDocument, { id: alice.id, input: { preferences: { by: actor } } }), 'updateUser'),
      project: outcome(await c.request(UpdateProjectDocument, { id: rows.project.id, input: { name: `by ${actor}` } }), 'updateProject'),
      codeGeneration: outcome(await c.request(UpdateCodeGenerationDocument, { id: rows.gen.id, input: { tokensUsed: 5 } }), 'updateCodeGeneration'),
      projectAnalysis: outcome(await c.request(UpdateProjectAnalysisDocument, { id: rows.analysis.id, input: { healthScore: 1 } }), 'updateProjectAnalysis'),
      autoSave: outcome(await c.request(UpdateAutoSaveDocument, { id: rows.save.id, input: { content: 'changed' } }), 'updateAutoSave'),
    };
    const e = EXPECT[actor];
    expect(results).toEqual({ user: e, project: e, codeGeneration: e, projectAnalysis: e, autoSave: e });
    // A refused update changed nothing.
    const name = (await as('owner').ok(GetProjectDocument, { id: rows.project.id })).project!.name;
    expect(name).toBe(e === 'ok' ? `by ${actor}` : rows.project.name);
  });

  it.each(actors)("creates under alice's project or for alice: %s", async (actor) => {
    const rows = await aliceRows();
    const c = as(actor);
    const results = {
      codeGeneration: outcome(await c.request(CreateCodeGenerationDocument, { input: { projectId: rows.project.id, specification: 's', language: 'c' } }), 'createCodeGeneration'),
      projectAnalysis: outcome(await c.request(CreateProjectAnalysisDocument, { input: { projectId: rows.project.id, healthScore: 9 } }), 'createProjectAnalysis'),
      project: outcome(await c.request(CreateProjectDocument, { input: { ownerId: alice.id, name: 'for alice' } }), 'createProject'),
      autoSave: outcome(await c.request(CreateAutoSaveDocument, { input: { userId: alice.id, saveId: 's', filePath: 'f', content: 'c' } }), 'createAutoSave'),
    };
    const e = EXPECT[actor];
    expect(results).toEqual({ codeGeneration: e, projectAnalysis: e, project: e, autoSave: e });
    const count = (await as('owner').ok(ListCodeGenerationsDocument, { projectId: rows.project.id })).codeGenerations.totalCount;
    expect(count).toBe(e === 'ok' ? 2 : 1);
  });

  it.each(actors)('deletes: %s', async (actor) => {
    const rows = await aliceRows();
    const c = as(actor);
    const results = {
      codeGeneration: outcome(await c.request(DeleteCodeGenerationDocument, { id: rows.gen.id }), 'deleteCodeGeneration'),
      projectAnalysis: outcome(await c.request(DeleteProjectAnalysisDocument, { id: rows.analysis.id }), 'deleteProjectAnalysis'),
      autoSave: outcome(await c.request(DeleteAutoSaveDocument, { id: rows.save.id }), 'deleteAutoSave'),
      project: outcome(await c.request(DeleteProjectDocument, { id: rows.project.id }), 'deleteProject'),
    };
    const e = EXPECT[actor];
    expect(results).toEqual({ codeGeneration: e, projectAnalysis: e, autoSave: e, project: e });
    const still = (await as('owner').request(GetProjectDocument, { id: rows.project.id })).data?.project;
    expect(still == null).toBe(e === 'ok');
  });

  it("another user's id answers exactly like a missing one", async () => {
    const rows = await aliceRows();
    const missing = '00000000-0000-4000-8000-000000000000';
    const theirs = onlyError(await as('other').request(UpdateProjectDocument, { id: rows.project.id, input: { name: 'x' } }));
    const none = onlyError(await as('other').request(UpdateProjectDocument, { id: missing, input: { name: 'x' } }));
    expect(theirs.extensions).toEqual({ ...none.extensions, id: rows.project.id });
    expect(theirs.message.replace(rows.project.id, 'ID')).toBe(none.message.replace(missing, 'ID'));
  });

  it('only admins create users or change roles; users manage their own account', async () => {
    expect(onlyError(await as('owner').request(CreateUserDocument, { input: { username: 'mallory', email: 'm@example.com' } })).extensions?.code).toBe('FORBIDDEN');
    expect(onlyError(await as('anonymous').request(CreateUserDocument, { input: { username: 'mallory', email: 'm@example.com' } })).extensions?.code).toBe('UNAUTHENTICATED');
    expect(onlyError(await as('owner').request(UpdateUserDocument, { id: alice.id, input: { role: 'ADMIN' } })).extensions?.code).toBe('FORBIDDEN');
    const me = (await as('owner').ok(MeDocument)).me;
    expect(me).toMatchObject({ id: alice.id, username: 'alice', role: 'USER', apiKeyActive: true });
    expect(me.projects.edges.length).toBe(Math.min(20, me.projects.totalCount)); // default page size 20
    expect(me.projects.totalCount).toBeGreaterThan(0);
    const users = (await as('owner').ok(ListUsersDocument, { first: 100 })).users;
    expect(users.edges.map((e) => e.node.id)).toEqual([alice.id]);
    const promoted = (await server.ok(UpdateUserDocument, { id: bob.id, input: { role: 'ADMIN' } })).updateUser;
    expect(promoted.id).toBe(bob.id);
    expect((await as('other').ok(ListUsersDocument, { first: 100 })).users.totalCount).toBe(3);
    await server.ok(UpdateUserDocument, { id: bob.id, input: { role: 'USER' } });
    expect((await as('other').ok(ListUsersDocument, { first: 100 })).users.totalCount).toBe(1);
  });

  it('refuses wrong, malformed and revoked keys with 401 UNAUTHENTICATED, saying nothing about the user', async () => {
    const { apiKey, user } = (await server.ok(CreateUserDocument, { input: { username: 'carol', email: 'carol@example.com' } })).createUser;
    const wrong = apiKey.slice(0, -1) + (apiKey.endsWith('A') ? 'B' : 'A');
    for (const key of [wrong, 'not-a-key', 'cbk_' + 'x'.repeat(43)]) {
      const res = await server.as(key).request(MeDocument);
      expect(res.status).toBe(401);
      expect(onlyError(res)).toMatchObject({ message: 'Invalid or revoked API key', extensions: { code: 'UNAUTHENTICATED' } });
    }
    const viaHeader = await server.as(null).raw({ query: '{ me { id } }' }, { 'x-api-key': apiKey });
    expect(viaHeader.data).toEqual({ me: { id: user.id } });

    const revoked = (await server.as(apiKey).ok(RevokeApiKeyDocument, { id: user.id })).revokeApiKey;
    expect(revoked).toEqual({ id: user.id, apiKeyActive: false, apiKeyPrefix: '' });
    const after = await server.as(apiKey).request(MeDocument);
    expect(after.status).toBe(401);
    expect(onlyError(after).message).toBe('Invalid or revoked API key');
    const rotated = (await server.ok(RotateApiKeyDocument, { id: user.id })).rotateApiKey;
    expect((await server.as(rotated.apiKey).ok(MeDocument)).me.apiKeyActive).toBe(true);
    expect((await server.as(apiKey).request(MeDocument)).status).toBe(401);
    await server.ok(DeleteUserDocument, { id: user.id });
    expect((await server.as(rotated.apiKey).request(MeDocument)).status).toBe(401);
  });
});

describe.each(selectedBackends())('open signup on %s', (backend) => {
  it('lets a caller without a key create a plain user only when OPEN_SIGNUP is on', async () => {
    const server = await TestServer.start(backend, { OPEN_SIGNUP: 'true' });
    try {
      const anon = server.as(null);
      const made = (await anon.ok(CreateUserDocument, { input: { username: 'newbie', email: 'newbie@example.com' } })).createUser;
      expect(made.user.role).toBe('USER');
      expect((await server.as(made.apiKey).ok(MeDocument)).me.username).toBe('newbie');
      const admin = await anon.request(CreateUserDocument, { input: { username: 'sneaky', email: 's@example.com', role: 'ADMIN' } });
      expect(onlyError(admin).extensions?.code).toBe('UNAUTHENTICATED');
      expect(onlyError(await server.as(made.apiKey).request(CreateUserDocument, { input: { username: 'second', email: 'x@example.com' } })).extensions?.code).toBe('FORBIDDEN');
    } finally {
      await server.stop();
    }
  });
});

describe.each(selectedBackends())('API key cache on %s', (backend) => {
  it('trusts a verified key for AUTH_CACHE_TTL_MS only: a key changed outside this server stops working after it', async () => {
    const server = await TestServer.start(backend, { AUTH_CACHE_TTL_MS: '1000' });
    try {
      const { apiKey, user } = (await server.ok(CreateUserDocument, { input: { username: 'dave', email: 'dave@example.com' } })).createUser;
      expect((await server.as(apiKey).ok(MeDocument)).me.id).toBe(user.id);
      // As the CLI or another replica would: straight to the database, not through this server.
      const changed = await server.app.store.orm.em.fork().nativeUpdate(User, { id: user.id }, { apiKeyHash: 'f'.repeat(64) });
      expect(changed).toBe(1);
      const started = Date.now();
      const cached = await server.as(apiKey).request(MeDocument);
      if (Date.now() - started < 900) expect(cached.status).toBe(200); // still within the TTL
      await new Promise((r) => setTimeout(r, 1100));
      const after = await server.as(apiKey).request(MeDocument);
      expect(after.status).toBe(401);
      expect(onlyError(after).extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await server.stop();
    }
  });
});
