import 'reflect-metadata';
import type { GraphQLFormattedError } from 'graphql';
import { selectedBackends } from '../support/backends';
import { TestServer } from '../support/server';

/**
 * Many clients at once through real HTTP, for each write pattern: afterwards
 * the stored rows, every answer and the rollups must agree. What a mutation
 * acknowledged is what is stored; nothing answers 5xx or INTERNAL_SERVER_ERROR.
 */
const CLIENTS = 24;
const STATUSES = ['DRAFT', 'IN_PROGRESS', 'COMPLETED', 'ARCHIVED'];

type Answer<T> = { status: number; data?: T | null; errors?: GraphQLFormattedError[] };

describe.each(selectedBackends())('concurrent writes on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start(backend, { RATE_LIMIT_PER_MINUTE: '0' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  /**
   * Sends as a client that honours SERVICE_UNAVAILABLE's retryAfterSeconds (up to 4 retries): on a loaded
   * machine FerretDB's shared write lock can keep a write waiting past its 5 s bound, which answers 503 and
   * writes nothing. A retried write that had been stored would show in the stored-state checks below.
   */
  const send = async <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, as = server): Promise<Answer<T>> => {
    for (let attempt = 0; ; attempt++) {
      const answer = await as.raw<T>({ query, variables });
      const busy = answer.status === 503 && answer.errors?.[0]?.extensions?.code === 'SERVICE_UNAVAILABLE';
      if (!busy || attempt === 4) return answer;
      await new Promise((r) => setTimeout(r, Number(answer.errors![0].extensions!.retryAfterSeconds ?? 1) * 1000));
    }
  };
  const ok = async <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, as = server): Promise<T> => {
    const res = await send<T>(query, variables, as);
    if (res.errors?.length || !res.data) throw new Error(`failed: ${JSON.stringify(res.errors)}`);
    return res.data;
  };
  /** Every answer is either data or errors whose codes are all in `allowed`, never a server error. */
  const expectOnly = (answers: Answer<unknown>[], allowed: string[]) => {
    const unexpected = answers.filter((a) => a.status >= 500 || (a.errors ?? []).some((e) => !allowed.includes(String(e.extensions?.code))));
    expect(unexpected.map((a) => JSON.stringify(a).slice(0, 300))).toEqual([]);
  };
  const drift = () => server.app.store.backend.rollupDrift();
  const project = async (name: string, as = server) =>
    (await ok<{ createProject: { id: string } }>(`mutation($n: String!) { createProject(input: { name: $n }) { id } }`, { n: name }, as)).createProject.id;

  it(`same-row updates from ${CLIENTS} clients: last writer wins whole, and each answer is what its write stored`, async () => {
    const id = await project('contended');
    const answers = await Promise.all(
      Array.from({ length: CLIENTS }, (_, k) =>
        send<{ updateProject: { name: string; status: string; config: { writer: number }; updatedAt: string } }>(
          `mutation($id: ID!, $i: UpdateProjectInput!) { updateProject(id: $id, input: $i) { name status config updatedAt } }`,
          { id, i: { name: `name-${k}`, status: STATUSES[k % 4], config: { writer: k } } },
        ),
      ),
    );
    expectOnly(answers, []);
    // Every answer is internally consistent: one writer's values, never a mix.
    answers.forEach((a, k) => expect(a.data!.updateProject).toMatchObject({ name: `name-${k}`, status: STATUSES[k % 4], config: { writer: k } }));
    const stored = (
      await ok<{ project: { name: string; status: string; config: { writer: number }; updatedAt: string } }>(`query($id: ID!) { project(id: $id) { name status config updatedAt } }`, { id })
    ).project;
    const winner = stored.config.writer;
    // The stored row is exactly the winner's acknowledged row, every field of it.
    expect(stored).toEqual(answers[winner].data!.updateProject);
  });

  it(`same-key creates from ${CLIENTS} clients: exactly one wins, the others answer CONFLICT naming the field`, async () => {
    const byName = await Promise.all(
      Array.from({ length: CLIENTS }, (_, k) => send(`mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }`, { i: { username: 'samename', email: `same${k}@example.com` } })),
    );
    expectOnly(byName, ['CONFLICT']);
    expect(byName.filter((a) => a.data?.createUser).length).toBe(1);
    expect(byName.filter((a) => a.errors).map((a) => [a.errors![0].extensions?.code, a.errors![0].extensions?.field])).toEqual(Array(CLIENTS - 1).fill(['CONFLICT', 'username']));
    const byEmail = await Promise.all(
      Array.from({ length: CLIENTS }, (_, k) => send(`mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }`, { i: { username: `mail${k}`, email: 'Shared@Example.com' } })),
    );
    expectOnly(byEmail, ['CONFLICT']);
    expect(byEmail.filter((a) => a.data?.createUser).length).toBe(1);
    expect(byEmail.filter((a) => a.errors).map((a) => a.errors![0].extensions?.field)).toEqual(Array(CLIENTS - 1).fill('email'));
    const users = await ok<{ users: { edges: { node: { username: string } }[] } }>(`{ users(first: 100) { edges { node { username } } } }`);
    expect(users.users.edges.filter((e) => e.node.username === 'samename' || e.node.username.startsWith('mail')).length).toBe(2);
  });

  it(`generation updates racing each other and the rollups, ${CLIENTS} clients on one row`, async () => {
    const pid = await project('rollup-race');
    const gid = (
      await ok<{ createCodeGeneration: { id: string } }>(`mutation($p: ID!) { createCodeGeneration(input: { projectId: $p, specification: "s", language: "go", tokensUsed: 1 }) { id } }`, { p: pid })
    ).createCodeGeneration.id;
    const GEN_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED'];
    const answers = await Promise.all(
      Array.from({ length: CLIENTS }, (_, k) =>
        send<{ updateCodeGeneration: Record<string, unknown> }>(
          `mutation($id: ID!, $i: UpdateCodeGenerationInput!) { updateCodeGeneration(id: $id, input: $i) { status tokensUsed language framework updatedAt } }`,
          {
            id: gid,
            i: { status: GEN_STATUSES[k % 4], tokensUsed: 100 + k, language: k % 3 ? 'go' : 'rust', framework: k % 2 ? null : `fw${k % 5}` },
          },
        ),
      ),
    );
    expectOnly(answers, []);
    const stored = (await ok<{ codeGeneration: Record<string, unknown> }>(`query($id: ID!) { codeGeneration(id: $id) { status tokensUsed language framework updatedAt } }`, { id: gid }))
      .codeGeneration;
    const winner = Number(stored.tokensUsed) - 100;
    expect(stored).toEqual(answers[winner].data!.updateCodeGeneration);
    expect(await drift()).toEqual([]);
  });

  it(`creates, updates and deletes of generations and analyses in several projects on one day, ${CLIENTS} clients: rollups exact`, async () => {
    const projects = await Promise.all([0, 1, 2].map((i) => project(`mixed-${i}`)));
    const created: string[] = [];
    const analyses: string[] = [];
    const work = Array.from({ length: CLIENTS * 3 }, (_, k) => async () => {
      const p = projects[k % 3];
      if (k % 4 === 0 && analyses.length) {
        const a = analyses.shift()!;
        return k % 8 === 0
          ? send(`mutation($id: ID!) { deleteProjectAnalysis(id: $id) { deletedId } }`, { id: a })
          : send(`mutation($id: ID!) { updateProjectAnalysis(id: $id, input: { healthScore: ${k % 101} }) { id } }`, { id: a });
      }
      if (k % 4 === 1) {
        const res = await send<{ createProjectAnalysis: { id: string } }>(`mutation($p: ID!) { createProjectAnalysis(input: { projectId: $p, healthScore: ${(k * 7) % 101} }) { id } }`, { p });
        if (res.data) analyses.push(res.data.createProjectAnalysis.id);
        return res;
      }
      if (k % 4 === 2 && created.length) {
        const g = created.shift()!;
        return k % 8 === 2
          ? send(`mutation($id: ID!) { deleteCodeGeneration(id: $id) { deletedId } }`, { id: g })
          : send(`mutation($id: ID!) { updateCodeGeneration(id: $id, input: { status: COMPLETED, tokensUsed: ${k} }) { id } }`, { id: g });
      }
      const res = await send<{ createCodeGeneration: { id: string } }>(
        `mutation($p: ID!) { createCodeGeneration(input: { projectId: $p, specification: "s", language: "${['go', 'rust', 'ts'][k % 3]}", tokensUsed: ${k} }) { id } }`,
        { p },
      );
      if (res.data) created.push(res.data.createCodeGeneration.id);
      return res;
    });
    let next = 0;
    const answers: Answer<unknown>[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < work.length) answers.push(await work[next++]());
      }),
    );
    expectOnly(answers, []);
    expect(await drift()).toEqual([]);
  });

  it(`a project deleted while ${CLIENTS} clients create generations and analyses in it: no deadlock, no orphan, exact rollups`, async () => {
    const pid = await project('doomed');
    const other = await project('bystander');
    let deleted = false;
    const creates = Array.from({ length: CLIENTS }, async (_, k) => {
      const out: Answer<unknown>[] = [];
      for (let i = 0; i < 4; i++) {
        const target = k % 6 === 0 ? other : pid;
        out.push(
          await (i % 2
            ? send(`mutation($p: ID!) { createProjectAnalysis(input: { projectId: $p, healthScore: ${(k + i) % 101} }) { id } }`, { p: target })
            : send(`mutation($p: ID!) { createCodeGeneration(input: { projectId: $p, specification: "s", language: "go", tokensUsed: ${k} }) { id } }`, { p: target })),
        );
      }
      return out;
    });
    const deletion = (async () => {
      await new Promise((r) => setTimeout(r, 20));
      const res = await send<{ deleteProject: { deletedId: string } }>(`mutation($id: ID!) { deleteProject(id: $id) { deletedId } }`, { id: pid });
      deleted = true;
      return res;
    })();
    const [del, ...perClient] = await Promise.all([deletion, ...creates]);
    expect(deleted).toBe(true);
    expectOnly([del], []);
    expect(del.data).toEqual({ deleteProject: { deletedId: pid } });
    const answers = perClient.flat();
    expectOnly(answers, ['NOT_FOUND']);
    for (const a of answers.filter((x) => x.errors)) expect(a.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'projectId' });
    // Nothing of the deleted project is left, and the bystander kept all of its rows.
    const left = await ok<{ codeGenerations: { totalCount: number }; projectAnalyses: { totalCount: number } }>(
      `query($p: ID!) { codeGenerations(projectId: $p) { totalCount } projectAnalyses(projectId: $p) { totalCount } }`,
      { p: pid },
    );
    expect(left).toEqual({ codeGenerations: { totalCount: 0 }, projectAnalyses: { totalCount: 0 } });
    const kept = await ok<{ codeGenerations: { totalCount: number }; projectAnalyses: { totalCount: number } }>(
      `query($p: ID!) { codeGenerations(projectId: $p) { totalCount } projectAnalyses(projectId: $p) { totalCount } }`,
      { p: other },
    );
    expect(kept).toEqual({ codeGenerations: { totalCount: 8 }, projectAnalyses: { totalCount: 8 } });
    expect(await drift()).toEqual([]);
  });

  it(`${CLIENTS} concurrent deletes of one project: one answers its id, the others NOT_FOUND`, async () => {
    const pid = await project('deleted-often');
    for (let i = 0; i < 5; i++) await ok(`mutation($p: ID!) { createCodeGeneration(input: { projectId: $p, specification: "s", language: "go", tokensUsed: ${i} }) { id } }`, { p: pid });
    await ok(`mutation($p: ID!) { createProjectAnalysis(input: { projectId: $p, healthScore: 42 }) { id } }`, { p: pid });
    const answers = await Promise.all(
      Array.from({ length: CLIENTS }, () => send<{ deleteProject: { deletedId: string } }>(`mutation($id: ID!) { deleteProject(id: $id) { deletedId } }`, { id: pid })),
    );
    expectOnly(answers, ['NOT_FOUND']);
    expect(answers.filter((a) => a.data?.deleteProject?.deletedId === pid).length).toBe(1);
    expect(answers.filter((a) => a.errors).length).toBe(CLIENTS - 1);
    expect(await drift()).toEqual([]);
  });

  it(`a user deleted while their ${CLIENTS} clients create projects, generations and autosaves: nothing of theirs is left`, async () => {
    const { user, apiKey } = (
      await ok<{ createUser: { user: { id: string }; apiKey: string } }>(`mutation { createUser(input: { username: "leaving", email: "leaving@example.com" }) { user { id } apiKey } }`)
    ).createUser;
    const as = server.as(apiKey);
    const first = await project('first', as);
    const clients = Array.from({ length: CLIENTS }, async (_, k) => {
      const out: Answer<unknown>[] = [];
      for (let i = 0; i < 3; i++) {
        if (k % 3 === 0) out.push(await send(`mutation { createProject(input: { name: "p${k}-${i}" }) { id } }`, {}, as));
        else if (k % 3 === 1) out.push(await send(`mutation($p: ID!) { createCodeGeneration(input: { projectId: $p, specification: "s", language: "go", tokensUsed: 3 }) { id } }`, { p: first }, as));
        else out.push(await send(`mutation { createAutoSave(input: { saveId: "s", filePath: "f", content: "c" }) { id } }`, {}, as));
      }
      return out;
    });
    const deletion = (async () => {
      await new Promise((r) => setTimeout(r, 20));
      return send<{ deleteUser: { deletedId: string } }>(`mutation($id: ID!) { deleteUser(id: $id) { deletedId } }`, { id: user.id });
    })();
    const [del, ...perClient] = await Promise.all([deletion, ...clients]);
    expect(del.data).toEqual({ deleteUser: { deletedId: user.id } });
    // After the deletion the key is gone too: later calls answer UNAUTHENTICATED (HTTP 401).
    expectOnly(perClient.flat(), ['NOT_FOUND', 'UNAUTHENTICATED']);
    const left = await ok<{ projects: { totalCount: number }; autoSaves: { totalCount: number }; codeGenerations: { totalCount: number } }>(
      `query($u: ID!, $p: ID!) { projects(ownerId: $u) { totalCount } autoSaves(userId: $u) { totalCount } codeGenerations(projectId: $p) { totalCount } }`,
      { u: user.id, p: first },
    );
    expect(left).toEqual({ projects: { totalCount: 0 }, autoSaves: { totalCount: 0 }, codeGenerations: { totalCount: 0 } });
    expect(await drift()).toEqual([]);
  });
});

/**
 * SQLite has one connection: a MikroORM transaction (an update with its
 * rollups, a claim, a delete) stays open on it across awaits, while the read
 * path runs its statements on the same database directly. A read then must
 * wait for the transaction's end, or it would see rows that may yet roll back.
 */
for (const backend of selectedBackends().filter((b) => b === 'sqlite'))
  describe(`reads on ${backend} while a transaction is open`, () => {
    let server: TestServer;
    beforeAll(async () => {
      // Keys cached, so the read under test touches the database only for its own statement.
      server = await TestServer.start(backend, { RATE_LIMIT_PER_MINUTE: '0', AUTH_CACHE_TTL_MS: '60000' });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('never see what a transaction wrote before it rolls back', async () => {
      const made = await server.raw<{ createProject: { id: string } }>({ query: 'mutation { createProject(input: { name: "original" }) { id } }' });
      const id = made.data!.createProject.id;
      const read = () => server.raw<{ project: { name: string } }>({ query: 'query($id: ID!) { project(id: $id) { name } }', variables: { id } });
      expect((await read()).data!.project.name).toBe('original');
      const connection = server.app.store.orm.em.getConnection();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let written!: () => void;
      const wrote = new Promise<void>((resolve) => (written = resolve));
      const transaction = connection
        .transactional(async (ctx) => {
          await connection.execute(`update "projects" set "name" = 'uncommitted' where "id" = ?`, [id], 'run', ctx);
          written();
          await held;
          throw new Error('rolled back');
        })
        .catch((e: Error) => e.message);
      await wrote;
      const during = read();
      await new Promise((r) => setTimeout(r, 200));
      release();
      expect(await transaction).toBe('rolled back');
      const answer = await during;
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.project.name).toBe('original');
    });
  });
