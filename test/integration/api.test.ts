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
  RotateApiKeyDocument,
  UpdateAutoSaveDocument,
  UpdateCodeGenerationDocument,
  UpdateProjectAnalysisDocument,
  UpdateProjectDocument,
  UpdateUserDocument,
  UserTreeDocument,
} from '../generated/graphql';
import { selectedBackends } from '../support/backends';
import { onlyError, TestServer } from '../support/server';

const MISSING = '00000000-0000-4000-8000-000000000000';
let seq = 0;
const uniq = (p: string) => `${p}${Date.now().toString(36)}${(seq++).toString(36)}`;

describe.each(selectedBackends())('data API on %s', (backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start(backend);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const createUser = async (prefs: Record<string, unknown> = {}) => {
    const name = uniq('u');
    return (await server.ok(CreateUserDocument, { input: { username: name, email: `${name}@example.com`, preferences: prefs } })).createUser;
  };
  const createProject = async (ownerId: string, extra: Record<string, unknown> = {}) => (await server.ok(CreateProjectDocument, { input: { ownerId, name: uniq('p'), ...extra } })).createProject;
  const userCount = async () => (await server.ok(ListUsersDocument, { first: 0 })).users.totalCount;

  describe('users', () => {
    it('creates a user, returns the API key once and stores only its hash', async () => {
      const { apiKey, user } = await server
        .ok(CreateUserDocument, {
          input: { username: 'ada.lovelace', email: 'Ada@Example.COM', preferences: { theme: 'dark' } },
        })
        .then((d) => d.createUser);
      expect(apiKey).toMatch(/^cbk_[A-Za-z0-9_-]{43}$/);
      expect(user.apiKeyPrefix).toBe(apiKey.slice(0, 12));
      expect(user).toMatchObject({ username: 'ada.lovelace', email: 'ada@example.com', preferences: { theme: 'dark' } });

      const read = (await server.ok(GetUserDocument, { id: user.id })).user;
      expect(read).toEqual(user);
      // No field of the schema can return the key or its hash.
      const probe = await server.raw({ query: `{ user(id: "${user.id}") { apiKey } }` });
      expect(onlyError(probe).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const hashProbe = await server.raw({ query: `{ user(id: "${user.id}") { apiKeyHash } }` });
      expect(onlyError(hashProbe).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const type = await server.raw<{ __type: { fields: { name: string }[] } }>({ query: '{ __type(name: "User") { fields { name } } }' });
      expect(
        type
          .data!.__type.fields.map((f) => f.name)
          .filter((n) => /key/i.test(n))
          .sort(),
      ).toEqual(['apiKeyActive', 'apiKeyPrefix']);
    });

    it('refuses a duplicate username or email with CONFLICT and writes nothing', async () => {
      const { user } = await createUser();
      const before = await userCount();
      const dupName = await server.request(CreateUserDocument, { input: { username: user.username, email: `${uniq('x')}@example.com` } });
      expect(onlyError(dupName)).toMatchObject({ message: 'A user with this username already exists', extensions: { code: 'CONFLICT', field: 'username' } });
      const dupEmail = await server.request(CreateUserDocument, { input: { username: uniq('v'), email: user.email.toUpperCase() } });
      expect(onlyError(dupEmail)).toMatchObject({ message: 'A user with this email already exists', extensions: { code: 'CONFLICT', field: 'email' } });
      expect(await userCount()).toBe(before);
    });

    it.each([
      [{ username: 'ab', email: 'ok@example.com' }, 'username'],
      [{ username: 'has space', email: 'ok@example.com' }, 'username'],
      [{ username: 'fine_name', email: 'not-an-email' }, 'email'],
      [{ username: 'fine_name', email: 'ok@example.com', preferences: { $where: 1 } }, 'preferences'],
    ])('refuses invalid input %j with BAD_USER_INPUT naming %s', async (input, field) => {
      const before = await userCount();
      const err = onlyError(await server.request(CreateUserDocument, { input }));
      expect(err.extensions?.code).toBe('BAD_USER_INPUT');
      expect((err.extensions?.fields as { field: string }[]).map((f) => f.field)).toEqual([field]);
      expect(err.message).toMatch(/^Invalid input: /);
      expect(JSON.stringify(err)).not.toMatch(/stack|at .*\.js/);
      expect(await userCount()).toBe(before);
    });

    it('updates a user, keeps unique keys unique and answers NOT_FOUND / BAD_USER_INPUT for bad ids', async () => {
      const { user } = await createUser();
      const { user: other } = await createUser();
      const newName = uniq('renamed');
      const updated = (await server.ok(UpdateUserDocument, { id: user.id, input: { username: newName, preferences: { a: [1, 2] } } })).updateUser;
      expect(updated).toMatchObject({ id: user.id, username: newName, email: user.email, preferences: { a: [1, 2] } });
      expect(new Date(updated.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(user.updatedAt).getTime());
      expect(updated.createdAt).toBe(user.createdAt);

      const clash = await server.request(UpdateUserDocument, { id: user.id, input: { email: other.email } });
      expect(onlyError(clash).extensions?.code).toBe('CONFLICT');
      // Keeping your own username is not a conflict.
      await server.ok(UpdateUserDocument, { id: user.id, input: { username: newName } });

      const missing = await server.request(UpdateUserDocument, { id: MISSING, input: { username: uniq('m') } });
      expect(onlyError(missing)).toMatchObject({ message: `User "${MISSING}" was not found`, extensions: { code: 'NOT_FOUND' } });
      const malformed = await server.request(GetUserDocument, { id: 'not-a-uuid' });
      expect(onlyError(malformed).extensions?.code).toBe('BAD_USER_INPUT');
      const explicitNull = await server.raw({ query: `mutation { updateUser(id: "${user.id}", input: { username: null }) { id } }` });
      expect(onlyError(explicitNull).extensions?.code).toBe('BAD_USER_INPUT');
      expect((await server.ok(GetUserDocument, { id: MISSING })).user).toBeNull();
    });

    it('rotates the API key: a new key and prefix each time', async () => {
      const { user, apiKey } = await createUser();
      const rotated = (await server.ok(RotateApiKeyDocument, { id: user.id })).rotateApiKey;
      expect(rotated.apiKey).not.toBe(apiKey);
      expect(rotated.apiKey).toMatch(/^cbk_/);
      expect(rotated.user.apiKeyPrefix).toBe(rotated.apiKey.slice(0, 12));
      expect(onlyError(await server.request(RotateApiKeyDocument, { id: MISSING })).extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('projects, code generations, analyses, autosaves', () => {
    it('creates a project with documented defaults and refuses an unknown owner', async () => {
      const { user } = await createUser();
      const project = await createProject(user.id);
      expect(project).toMatchObject({ description: '', projectType: 'OTHER', status: 'DRAFT', config: {}, owner: { id: user.id } });

      const before = (await server.ok(ListProjectsDocument, { first: 0 })).projects.totalCount;
      const orphan = await server.request(CreateProjectDocument, { input: { ownerId: MISSING, name: 'x' } });
      expect(onlyError(orphan)).toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: `User "${MISSING}" was not found` });
      const empty = await server.request(CreateProjectDocument, { input: { ownerId: user.id, name: '' } });
      expect(onlyError(empty).extensions?.code).toBe('BAD_USER_INPUT');
      const badEnum = await server.raw({
        query: 'mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }',
        variables: { i: { ownerId: user.id, name: 'x', status: 'SHIPPED' } },
      });
      expect(onlyError(badEnum).extensions?.code).toBe('BAD_USER_INPUT');
      expect((await server.ok(ListProjectsDocument, { first: 0 })).projects.totalCount).toBe(before);
    });

    it('updates and filters projects', async () => {
      const { user } = await createUser();
      const a = await createProject(user.id, { projectType: 'API' });
      const b = await createProject(user.id, { projectType: 'WEB', status: 'IN_PROGRESS' });
      const updated = (await server.ok(UpdateProjectDocument, { id: a.id, input: { status: 'COMPLETED', description: 'done ✓', config: { ci: true } } })).updateProject;
      expect(updated).toMatchObject({ id: a.id, name: a.name, status: 'COMPLETED', description: 'done ✓', config: { ci: true }, projectType: 'API' });

      const mine = (await server.ok(ListProjectsDocument, { ownerId: user.id })).projects;
      expect(mine.totalCount).toBe(2);
      expect(mine.edges.map((e) => e.node.id)).toEqual([a.id, b.id]);
      const completed = (await server.ok(ListProjectsDocument, { ownerId: user.id, status: 'COMPLETED' })).projects;
      expect(completed.edges.map((e) => e.node.id)).toEqual([a.id]);
      const web = (await server.ok(ListProjectsDocument, { ownerId: user.id, projectType: 'WEB' })).projects;
      expect(web.edges.map((e) => e.node.id)).toEqual([b.id]);
      const read = (await server.ok(GetProjectDocument, { id: a.id })).project!;
      expect(read.owner).toMatchObject({ id: user.id, username: user.username });
      expect(onlyError(await server.request(UpdateProjectDocument, { id: MISSING, input: { name: 'x' } })).extensions?.code).toBe('NOT_FOUND');
    });

    it('records code generations: defaults, updates, clearing nullable fields, filters and validation', async () => {
      const { user } = await createUser();
      const project = await createProject(user.id);
      const gen = (
        await server.ok(CreateCodeGenerationDocument, {
          input: { projectId: project.id, specification: 'A REST API for todos', language: 'typescript', framework: 'express' },
        })
      ).createCodeGeneration;
      expect(gen).toMatchObject({ status: 'PENDING', tokensUsed: 0, framework: 'express', generatedCode: null, project: { id: project.id } });

      const done = (
        await server.ok(UpdateCodeGenerationDocument, {
          id: gen.id,
          input: { status: 'COMPLETED', tokensUsed: 1234, generatedCode: 'export const x = 1;\n', framework: null },
        })
      ).updateCodeGeneration;
      expect(done).toMatchObject({ status: 'COMPLETED', tokensUsed: 1234, generatedCode: 'export const x = 1;\n', framework: null, language: 'typescript' });
      await server.ok(CreateCodeGenerationDocument, { input: { projectId: project.id, specification: 's', language: 'python', status: 'FAILED' } });

      const failed = (await server.ok(ListCodeGenerationsDocument, { projectId: project.id, status: 'FAILED' })).codeGenerations;
      expect(failed.edges.map((e) => e.node.language)).toEqual(['python']);
      const ts = (await server.ok(ListCodeGenerationsDocument, { projectId: project.id, language: 'typescript' })).codeGenerations;
      expect(ts.edges.map((e) => e.node.id)).toEqual([gen.id]);

      const read = (await server.ok(GetCodeGenerationDocument, { id: gen.id })).codeGeneration!;
      expect(read.project).toMatchObject({ id: project.id, owner: { id: user.id, username: user.username } });

      for (const input of [
        { projectId: project.id, specification: 's', language: 'ts', tokensUsed: -1 },
        { projectId: project.id, specification: '', language: 'ts' },
        { projectId: project.id, specification: 's', language: '' },
        { projectId: project.id, specification: 'nul \u0000 byte', language: 'ts' },
      ]) {
        expect(onlyError(await server.request(CreateCodeGenerationDocument, { input })).extensions?.code).toBe('BAD_USER_INPUT');
      }
      const orphan = await server.request(CreateCodeGenerationDocument, { input: { projectId: MISSING, specification: 's', language: 'go' } });
      expect(onlyError(orphan).extensions?.code).toBe('NOT_FOUND');
      expect((await server.ok(ListCodeGenerationsDocument, { projectId: project.id })).codeGenerations.totalCount).toBe(2);

      // The answer names what went and the project it hung from (for a client cache).
      expect((await server.ok(DeleteCodeGenerationDocument, { id: gen.id })).deleteCodeGeneration).toEqual({ deletedId: gen.id, project: { id: project.id } });
      expect((await server.ok(GetCodeGenerationDocument, { id: gen.id })).codeGeneration).toBeNull();
      expect(onlyError(await server.request(DeleteCodeGenerationDocument, { id: gen.id })).extensions?.code).toBe('NOT_FOUND');
    });

    it('records analyses with health scores in range and exposes the latest one', async () => {
      const { user } = await createUser();
      const project = await createProject(user.id);
      const first = (await server.ok(CreateProjectAnalysisDocument, { input: { projectId: project.id, healthScore: 70, issuesCount: 3 } })).createProjectAnalysis;
      expect(first).toMatchObject({ healthScore: 70, issuesCount: 3, warningsCount: 0, analysisData: {}, project: { id: project.id } });
      await new Promise((r) => setTimeout(r, 5));
      const second = (await server.ok(CreateProjectAnalysisDocument, { input: { projectId: project.id, healthScore: 90, analysisData: { lint: { errors: 0 } } } })).createProjectAnalysis;

      for (const healthScore of [-1, 101]) {
        const res = await server.request(CreateProjectAnalysisDocument, { input: { projectId: project.id, healthScore } });
        expect(onlyError(res).extensions?.code).toBe('BAD_USER_INPUT');
      }
      const updated = (await server.ok(UpdateProjectAnalysisDocument, { id: first.id, input: { warningsCount: 7 } })).updateProjectAnalysis;
      expect(updated).toMatchObject({ healthScore: 70, warningsCount: 7 });

      const tree = (await server.ok(UserTreeDocument, { id: user.id })).user!;
      expect(tree.projects.edges[0].node.latestAnalysis).toEqual({ id: second.id, healthScore: 90 });
      const list = (await server.ok(ListProjectAnalysesDocument, { projectId: project.id })).projectAnalyses;
      expect(list.edges.map((e) => e.node.healthScore)).toEqual([70, 90]);
      expect((await server.ok(GetProjectAnalysisDocument, { id: second.id })).projectAnalysis!.project.id).toBe(project.id);
      await server.ok(DeleteProjectAnalysisDocument, { id: second.id });
      const after = (await server.ok(UserTreeDocument, { id: user.id })).user!;
      expect(after.projects.edges[0].node.latestAnalysis?.id).toBe(first.id);
    });

    it('computes autosave sizes on the server, in Unicode characters', async () => {
      const { user } = await createUser();
      const content = 'héllo 👋 wörld\n';
      const save = (
        await server.ok(CreateAutoSaveDocument, {
          input: { userId: user.id, saveId: 'session-1', filePath: 'src/main.ts', content, saveType: 'MANUAL', metadata: { cursor: { line: 1, col: 4 } } },
        })
      ).createAutoSave;
      expect(save).toMatchObject({ sizeChars: 14, content, saveType: 'MANUAL', user: { id: user.id } });
      const forged = await server.raw({
        query: 'mutation($i: CreateAutoSaveInput!) { createAutoSave(input: $i) { id } }',
        variables: { i: { userId: user.id, saveId: 's', filePath: 'a', content: 'abc', sizeChars: 999 } },
      });
      expect(onlyError(forged).extensions?.code).toBe('BAD_USER_INPUT');

      const updated = (await server.ok(UpdateAutoSaveDocument, { id: save.id, input: { content: 'abc' } })).updateAutoSave;
      expect(updated).toMatchObject({ content: 'abc', sizeChars: 3, filePath: 'src/main.ts' });
      await server.ok(CreateAutoSaveDocument, { input: { userId: user.id, saveId: 'session-2', filePath: 'b.ts', content: '' } });
      const session = (await server.ok(ListAutoSavesDocument, { userId: user.id, saveId: 'session-1' })).autoSaves;
      expect(session.edges.map((e) => e.node.id)).toEqual([save.id]);
      expect((await server.ok(GetAutoSaveDocument, { id: save.id })).autoSave!.user.username).toBe(user.username);
      expect(onlyError(await server.request(CreateAutoSaveDocument, { input: { userId: MISSING, saveId: 's', filePath: 'a', content: '' } })).extensions?.code).toBe('NOT_FOUND');
      await server.ok(DeleteAutoSaveDocument, { id: save.id });
      expect((await server.ok(GetAutoSaveDocument, { id: save.id })).autoSave).toBeNull();
    });
  });

  describe('relations and deletes', () => {
    it('navigates user → projects → codeGenerations → project → owner and back', async () => {
      const { user } = await createUser();
      const p1 = await createProject(user.id, { status: 'IN_PROGRESS' });
      const p2 = await createProject(user.id);
      for (const language of ['go', 'rust']) {
        await server.ok(CreateCodeGenerationDocument, { input: { projectId: p1.id, specification: 'spec', language } });
      }
      await server.ok(CreateProjectAnalysisDocument, { input: { projectId: p1.id, healthScore: 55 } });
      await server.ok(CreateAutoSaveDocument, { input: { userId: user.id, saveId: 's', filePath: 'x.go', content: 'package x' } });

      const tree = (await server.ok(UserTreeDocument, { id: user.id })).user!;
      expect(tree.projects.totalCount).toBe(2);
      const [first, second] = tree.projects.edges.map((e) => e.node);
      expect([first.id, second.id]).toEqual([p1.id, p2.id]);
      expect(first.owner).toEqual({ id: user.id, username: user.username });
      expect(first.codeGenerations.totalCount).toBe(2);
      expect(first.codeGenerations.edges.map((e) => e.node.language)).toEqual(['go', 'rust']);
      for (const { node } of first.codeGenerations.edges) expect(node.project).toEqual({ id: p1.id, owner: { id: user.id } });
      expect(first.analyses.edges.map((e) => e.node)).toEqual([{ id: expect.any(String), healthScore: 55, project: { id: p1.id } }]);
      expect(second.codeGenerations.totalCount).toBe(0);
      expect(second.latestAnalysis).toBeNull();
      expect(tree.autoSaves.edges.map((e) => e.node.user.id)).toEqual([user.id]);

      const inProgress = (await server.ok(UserTreeDocument, { id: user.id, status: 'IN_PROGRESS' })).user!;
      expect(inProgress.projects.edges.map((e) => e.node.id)).toEqual([p1.id]);
    });

    it('adding children does not touch the parent (no spurious updates)', async () => {
      const { user } = await createUser({ b: 1, a: 2 });
      const project = await createProject(user.id, { config: { y: 1, x: [2] } });
      await server.ok(CreateCodeGenerationDocument, { input: { projectId: project.id, specification: 's', language: 'c' } });
      await server.ok(CreateProjectAnalysisDocument, { input: { projectId: project.id, healthScore: 10 } });
      await server.ok(CreateAutoSaveDocument, { input: { userId: user.id, saveId: 's', filePath: 'f', content: 'c' } });
      expect((await server.ok(GetUserDocument, { id: user.id })).user!.updatedAt).toBe(user.updatedAt);
      expect((await server.ok(GetProjectDocument, { id: project.id })).project!.updatedAt).toBe(project.updatedAt);
    });

    it('deleting a project removes its code generations and analyses, and nothing else', async () => {
      const { user } = await createUser();
      const doomed = await createProject(user.id);
      const kept = await createProject(user.id);
      const gen = (await server.ok(CreateCodeGenerationDocument, { input: { projectId: doomed.id, specification: 's', language: 'c' } })).createCodeGeneration;
      const ana = (await server.ok(CreateProjectAnalysisDocument, { input: { projectId: doomed.id, healthScore: 1 } })).createProjectAnalysis;
      const keptGen = (await server.ok(CreateCodeGenerationDocument, { input: { projectId: kept.id, specification: 's', language: 'c' } })).createCodeGeneration;

      expect((await server.ok(DeleteProjectDocument, { id: doomed.id })).deleteProject).toEqual({ deletedId: doomed.id, owner: { id: user.id } });
      expect((await server.ok(GetProjectDocument, { id: doomed.id })).project).toBeNull();
      expect((await server.ok(GetCodeGenerationDocument, { id: gen.id })).codeGeneration).toBeNull();
      expect((await server.ok(GetProjectAnalysisDocument, { id: ana.id })).projectAnalysis).toBeNull();
      expect((await server.ok(GetCodeGenerationDocument, { id: keptGen.id })).codeGeneration?.id).toBe(keptGen.id);
      expect((await server.ok(ListProjectsDocument, { ownerId: user.id })).projects.totalCount).toBe(1);
      expect(onlyError(await server.request(DeleteProjectDocument, { id: doomed.id })).extensions?.code).toBe('NOT_FOUND');
    });

    it("deleting a user removes their projects, generations, analyses and autosaves, and no one else's", async () => {
      const { user } = await createUser();
      const { user: bystander } = await createUser();
      const project = await createProject(user.id);
      const gen = (await server.ok(CreateCodeGenerationDocument, { input: { projectId: project.id, specification: 's', language: 'c' } })).createCodeGeneration;
      const ana = (await server.ok(CreateProjectAnalysisDocument, { input: { projectId: project.id, healthScore: 5 } })).createProjectAnalysis;
      const save = (await server.ok(CreateAutoSaveDocument, { input: { userId: user.id, saveId: 's', filePath: 'f', content: 'c' } })).createAutoSave;
      const otherProject = await createProject(bystander.id);
      const otherSave = (await server.ok(CreateAutoSaveDocument, { input: { userId: bystander.id, saveId: 's', filePath: 'f', content: 'c' } })).createAutoSave;

      expect((await server.ok(DeleteUserDocument, { id: user.id })).deleteUser).toEqual({ deletedId: user.id });
      expect((await server.ok(GetUserDocument, { id: user.id })).user).toBeNull();
      expect((await server.ok(GetProjectDocument, { id: project.id })).project).toBeNull();
      expect((await server.ok(GetCodeGenerationDocument, { id: gen.id })).codeGeneration).toBeNull();
      expect((await server.ok(GetProjectAnalysisDocument, { id: ana.id })).projectAnalysis).toBeNull();
      expect((await server.ok(GetAutoSaveDocument, { id: save.id })).autoSave).toBeNull();
      expect((await server.ok(ListProjectsDocument, { ownerId: user.id })).projects.totalCount).toBe(0);
      expect((await server.ok(GetProjectDocument, { id: otherProject.id })).project?.id).toBe(otherProject.id);
      expect((await server.ok(GetAutoSaveDocument, { id: otherSave.id })).autoSave?.id).toBe(otherSave.id);
      expect(onlyError(await server.request(DeleteUserDocument, { id: user.id })).extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('paging', () => {
    it('walks a list forward and backward with opaque keyset cursors', async () => {
      const { user } = await createUser();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await createProject(user.id)).id);

      const page1 = (await server.ok(ListProjectsDocument, { ownerId: user.id, first: 2 })).projects;
      expect(page1.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 2));
      expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      expect(page1.totalCount).toBe(5);
      const page2 = (await server.ok(ListProjectsDocument, { ownerId: user.id, first: 2, after: page1.pageInfo.endCursor })).projects;
      expect(page2.edges.map((e) => e.node.id)).toEqual(ids.slice(2, 4));
      // A row inserted meanwhile appears at the end, without shifting pages.
      const late = (await createProject(user.id)).id;
      const page3 = (await server.ok(ListProjectsDocument, { ownerId: user.id, first: 2, after: page2.pageInfo.endCursor })).projects;
      expect(page3.edges.map((e) => e.node.id)).toEqual([ids[4], late]);
      expect(page3.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

      const back = await server.raw<{ user: { projects: { edges: { node: { id: string } }[]; pageInfo: { hasPreviousPage: boolean } } } }>({
        query: `query($id: ID!, $before: String) { user(id: $id) { projects(last: 2, before: $before) { edges { node { id } } pageInfo { hasPreviousPage hasNextPage } } } }`,
        variables: { id: user.id, before: page3.pageInfo.startCursor },
      });
      expect(back.data!.user.projects.edges.map((e) => e.node.id)).toEqual(ids.slice(2, 4));
      expect(back.data!.user.projects.pageInfo.hasPreviousPage).toBe(true);

      const empty = (await server.ok(ListProjectsDocument, { ownerId: user.id, first: 0 })).projects;
      expect(empty).toMatchObject({ edges: [], totalCount: 6, pageInfo: { startCursor: null, endCursor: null } });
    });

    it('refuses oversized pages and malformed or foreign cursors with BAD_USER_INPUT', async () => {
      const { user } = await createUser();
      await createProject(user.id);
      const big = await server.request(ListUsersDocument, { first: 101 });
      expect(onlyError(big)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(onlyError(big).message).toMatch(/first must be at most 100/);
      expect(onlyError(await server.request(ListUsersDocument, { first: -1 })).extensions?.code).toBe('BAD_USER_INPUT');
      expect(onlyError(await server.request(ListUsersDocument, { after: 'garbage!' })).extensions?.code).toBe('BAD_USER_INPUT');
      const projectCursor = (await server.ok(ListProjectsDocument, { ownerId: user.id })).projects.pageInfo.endCursor!;
      const foreign = await server.request(ListUsersDocument, { after: projectCursor });
      expect(onlyError(foreign).message).toMatch(/is not a valid User cursor/);
      expect(onlyError(await server.request(ListUsersDocument, { first: 1, last: 1 })).extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('values round-trip exactly', () => {
    it('keeps JSON exactly: nesting, key order, unicode, numbers, arrays, null', async () => {
      const value = {
        zeta: 1,
        alpha: { nested: { deeper: [1, 'two', { three: 3 }], empty: {}, list: [] } },
        unicode: 'naïve café — 日本語 — 🚀 — \u2028',
        'spaced key': 'ok',
        numbers: { int: 42, negative: -17, float: 3.14159, tiny: 1e-7, big: 9007199254740991, zero: 0 },
        flags: [true, false, null],
        quote: 'he said "hi"\\ and \n left',
      };
      const { user } = await createUser(value);
      const read = (await server.ok(GetUserDocument, { id: user.id })).user!;
      expect(JSON.stringify(read.preferences)).toBe(JSON.stringify(value));
      const project = await createProject(user.id, { config: value });
      expect(JSON.stringify((await server.ok(GetProjectDocument, { id: project.id })).project!.config)).toBe(JSON.stringify(value));
    });

    it('refuses JSON that one backend could not store the same way', async () => {
      let deep: Record<string, unknown> = { leaf: 1 };
      for (let i = 0; i < 25; i++) deep = { d: deep };
      for (const preferences of [deep, { a: { $gt: '' } }, { 'dotted.key': 1 }, { big: 'x'.repeat(70 * 1024) }]) {
        const name = uniq('j');
        const res = await server.request(CreateUserDocument, { input: { username: name, email: `${name}@example.com`, preferences } });
        expect(onlyError(res).extensions?.code).toBe('BAD_USER_INPUT');
      }
    });

    it('stores DateTime with millisecond precision, the same on every backend', async () => {
      const { user } = await createUser();
      expect(user.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const read = (await server.ok(GetUserDocument, { id: user.id })).user!;
      expect(read.createdAt).toBe(user.createdAt);
      expect(read.updatedAt).toBe(user.updatedAt);
      await new Promise((r) => setTimeout(r, 15));
      const updated = (await server.ok(UpdateUserDocument, { id: user.id, input: { preferences: { x: 1 } } })).updateUser;
      expect(new Date(updated.updatedAt).getTime()).toBeGreaterThan(new Date(user.updatedAt).getTime());
      const reread = (await server.ok(GetUserDocument, { id: user.id })).user!;
      expect(reread.updatedAt).toBe(updated.updatedAt);
    });
  });

  describe('HTTP surface', () => {
    it('serves /healthz and /readyz (which pings the database)', async () => {
      const base = server.url.replace(/\/graphql$/, '');
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', driver: backend });
    });

    it('answers a malformed body with 400 and keeps serving', async () => {
      const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
      expect(res.status).toBe(400);
      expect((await server.ok(ListUsersDocument, { first: 1 })).users.edges).toHaveLength(1);
    });

    it('serves the Sandbox landing page and introspection outside production', async () => {
      const page = await fetch(server.url, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/apollo/i);
      const intro = await server.raw<{ __schema: { queryType: { name: string } } }>({ query: '{ __schema { queryType { name } } }' });
      expect(intro.data!.__schema.queryType.name).toBe('Query');
    });
  });
});
