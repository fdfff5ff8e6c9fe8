import 'reflect-metadata';
import { seedRows } from '../../src/backup/seed-data';
import { GenerationDaily } from '../../src/entities';
import { selectedBackends } from '../support/backends';
import { cli } from '../support/cli';
import { onlyError, TestServer } from '../support/server';

const ANCHOR = '2026-11-01';
const QUERY = `query($from: DateTime!, $to: DateTime!, $projectId: ID, $userId: ID) {
  analytics(from: $from, to: $to, projectId: $projectId, userId: $userId) {
    fromDay toDay generations successRate tokensUsed
    byStatus { status count }
    perDay { day generations tokensUsed }
    queueTimes { day finished waitSeconds runSeconds averageWaitSeconds averageRunSeconds }
    byLanguage { name count tokensUsed successRate }
    byFramework { name count }
    healthTrend { day analyses average min max }
    mostActiveProjects { project { id } generations tokensUsed }
  }
}`;

type Row = Record<string, unknown>;
/** The numbers computed in JS from the seed rows themselves: what every backend must report. */
function expected(seed: number, keep: (g: Row) => boolean = () => true) {
  const gens: Row[] = [];
  const analyses: Row[] = [];
  for (const [entity, rows] of seedRows('small', seed, new Date(`${ANCHOR}T00:00:00.000Z`))) {
    if (entity === 'CodeGeneration') gens.push(...rows.filter(keep));
    if (entity === 'ProjectAnalysis') analyses.push(...rows.filter(keep));
  }
  const count = (s: string) => gens.filter((g) => g.status === s).length;
  const perProject = new Map<string, number>();
  for (const g of gens) perProject.set(g.project as string, (perProject.get(g.project as string) ?? 0) + 1);
  const firstDay = [...analyses].sort((a, b) => String(a.day).localeCompare(String(b.day)))[0]?.day;
  const scores = analyses.filter((a) => a.day === firstDay).map((a) => a.healthScore as number);
  // Queue times per day of creation, over generations a worker finished.
  const ms = (v: unknown) => (v == null ? null : new Date(v as string).getTime());
  const times = new Map<string, { finished: number; wait: number; run: number }>();
  for (const g of gens) {
    const [created, started, completed] = [ms(g.createdAt), ms(g.startedAt), ms(g.completedAt)];
    if (created === null || started === null || completed === null) continue;
    const t = times.get(String(g.day)) ?? { finished: 0, wait: 0, run: 0 };
    t.finished++;
    t.wait += started - created;
    t.run += completed - started;
    times.set(String(g.day), t);
  }
  const queueTimes = [...times]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, t]) => ({
      day,
      finished: t.finished,
      waitSeconds: t.wait / 1000,
      runSeconds: t.run / 1000,
      averageWaitSeconds: t.wait / 1000 / t.finished,
      averageRunSeconds: t.run / 1000 / t.finished,
    }));
  return {
    queueTimes,
    generations: gens.length,
    tokensUsed: gens.reduce((a, g) => a + (g.tokensUsed as number), 0),
    completed: count('completed'),
    successRate: count('completed') / (count('completed') + count('failed')),
    days: new Set(gens.map((g) => g.day)).size,
    go: gens.filter((g) => g.language === 'go').length,
    topCount: Math.max(...perProject.values()),
    firstHealthDay: {
      day: firstDay,
      analyses: scores.length,
      min: Math.min(...scores),
      max: Math.max(...scores),
      average: scores.reduce((a, b) => a + b, 0) / scores.length,
    },
    gens,
  };
}

describe.each(selectedBackends())('analytics on %s', (backend) => {
  let server: TestServer;
  const want = expected(5);
  beforeAll(async () => {
    server = await TestServer.start(backend);
    const seeded = await cli(server.db, 'db', 'seed', '--seed', '5', '--anchor', ANCHOR, '--force');
    if (seeded.code !== 0) throw new Error(seeded.err);
    const admin = await cli(server.db, 'user', 'create', '--username', 'boss', '--email', 'boss@example.com', '--admin', '--json');
    server.key = JSON.parse(admin.out).apiKey;
  });
  afterAll(async () => {
    await server?.stop();
  });

  const analytics = async (variables: Record<string, unknown>) => {
    const res = await server.raw<{ analytics: Record<string, unknown> & { byStatus: { status: string; count: number }[] } }>({
      query: QUERY,
      variables: { from: '2020-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z', ...variables },
    });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.analytics as Record<string, any>;
  };

  it('reports everything the admin may see exactly as the seed rows say', async () => {
    const a = await analytics({});
    expect(a.generations).toBe(want.generations);
    expect(a.tokensUsed).toBe(want.tokensUsed);
    expect(a.successRate).toBe(want.successRate);
    expect(a.byStatus.find((s: { status: string }) => s.status === 'COMPLETED').count).toBe(want.completed);
    expect(a.perDay).toHaveLength(want.days);
    expect(a.perDay.reduce((n: number, d: { generations: number }) => n + d.generations, 0)).toBe(want.generations);
    expect(a.byLanguage.find((l: { name: string }) => l.name === 'go').count).toBe(want.go);
    expect(a.healthTrend[0]).toEqual(want.firstHealthDay);
    expect(a.mostActiveProjects[0].generations).toBe(want.topCount);
    expect(a.mostActiveProjects.length).toBeLessThanOrEqual(10);
    expect(want.queueTimes.length).toBeGreaterThan(10);
    expect(a.queueTimes).toEqual(want.queueTimes);
  });

  it('narrows to one project, one user, or a date range', async () => {
    const top = (await analytics({})).mostActiveProjects[0].project.id as string;
    const one = await analytics({ projectId: top });
    expect(one.generations).toBe(want.topCount);
    expect(one.mostActiveProjects.map((p: { project: { id: string } }) => p.project.id)).toEqual([top]);

    const firstGen = want.gens[0];
    const day = String(firstGen.day);
    const ranged = await analytics({ from: `${day}T00:00:00Z`, to: `${day}T23:59:59Z` });
    expect(ranged.generations).toBe(want.gens.filter((g) => g.day === day).length);
    expect(ranged.fromDay).toBe(day);

    const bad = await server.raw({ query: QUERY, variables: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } });
    expect(onlyError(bad).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('shows a plain user only their own numbers', async () => {
    const { apiKey, user } = (
      await server.raw<{ createUser: { apiKey: string; user: { id: string } } }>({ query: 'mutation { createUser(input: { username: "solo", email: "solo@example.com" }) { apiKey user { id } } }' })
    ).data!.createUser;
    const solo = server.as(apiKey);
    const p = await solo.raw<{ createProject: { id: string } }>({ query: 'mutation { createProject(input: { name: "mine" }) { id } }' });
    await solo.raw({ query: `mutation { createCodeGeneration(input: { projectId: "${p.data!.createProject.id}", specification: "s", language: "zig", tokensUsed: 42, status: COMPLETED }) { id } }` });
    const res = await solo.raw<{ analytics: { generations: number; tokensUsed: number; byLanguage: { name: string }[] } }>({
      query: QUERY,
      variables: { from: '2020-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' },
    });
    expect(res.data!.analytics).toMatchObject({ generations: 1, tokensUsed: 42, byLanguage: [{ name: 'zig' }] });
    const mine = await solo.raw<{ analytics: { generations: number } }>({ query: QUERY, variables: { from: '2020-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z', userId: user.id } });
    expect(mine.data!.analytics.generations).toBe(1);
    const top = (await analytics({})).mostActiveProjects[0].project.id;
    const theirs = await solo.raw({ query: QUERY, variables: { from: '2020-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z', projectId: top } });
    expect(onlyError(theirs).extensions?.code).toBe('NOT_FOUND');
  });
});

describe.each(selectedBackends())('analytics rollups on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start(backend);
    const seeded = await cli(server.db, 'db', 'seed', '--seed', '9', '--anchor', ANCHOR, '--force');
    if (seeded.code !== 0) throw new Error(seeded.err);
    server.key = JSON.parse((await cli(server.db, 'user', 'create', '--username', 'boss', '--email', 'boss@example.com', '--admin', '--json')).out).apiKey;
  });
  afterAll(async () => {
    await server?.stop();
  });
  const drift = () => server.app.store.backend.rollupDrift();
  const gql = async <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}) => {
    const res = await server.raw<T>({ query, variables });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const totals = async () =>
    (await gql<{ analytics: Record<string, any> }>(QUERY, { from: '2020-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' })).analytics as {
      generations: number;
      tokensUsed: number;
      byLanguage: { name: string; count: number; tokensUsed: number }[];
      byFramework: { name: string | null; count: number }[];
      healthTrend: { day: string; analyses: number; min: number; max: number; average: number }[];
    };

  it('stays equal to a full recount through creates, updates and deletes, and the CLI checks and rebuilds it', async () => {
    expect(await drift()).toEqual([]);
    const before = await totals();
    const project = (await gql(`mutation { createProject(input: { name: "rollups" }) { id } }`)).createProject.id as string;
    const create = (language: string, framework: string | null, tokensUsed: number, status: string) =>
      gql(`mutation($i: CreateCodeGenerationInput!) { createCodeGeneration(input: $i) { id day: createdAt } }`, {
        i: { projectId: project, specification: 's', language, framework, tokensUsed, status },
      });
    const a = (await create('elixir', 'phoenix', 100, 'COMPLETED')).createCodeGeneration.id;
    const b = (await create('elixir', null, 50, 'FAILED')).createCodeGeneration.id;
    await create('Objective C++', 'x.y 2', 7, 'PENDING'); // free text with spaces and punctuation
    await gql(`mutation { updateCodeGeneration(id: "${a}", input: { tokensUsed: 150, status: FAILED, framework: "plug" }) { id } }`);
    await gql(`mutation { deleteCodeGeneration(id: "${b}") { deletedId } }`);
    const analysis = async (score: number) =>
      (await gql(`mutation { createProjectAnalysis(input: { projectId: "${project}", healthScore: ${score}, analysisData: {} }) { id } }`)).createProjectAnalysis.id as string;
    const low = await analysis(20);
    const high = await analysis(90);
    await analysis(60);
    expect(await drift()).toEqual([]);

    const after = await totals();
    expect(after.generations).toBe(before.generations + 2);
    expect(after.tokensUsed).toBe(before.tokensUsed + 157);
    expect(after.byLanguage.find((l) => l.name === 'elixir')).toMatchObject({ count: 1, tokensUsed: 150 });
    expect(after.byFramework.find((f) => f.name === 'plug')).toMatchObject({ count: 1 });
    const today = new Date().toISOString().slice(0, 10);
    const day = () => totals().then((t) => t.healthTrend.find((h) => h.day === today));
    const todayBefore = before.healthTrend.find((h) => h.day === today) ?? { analyses: 0, min: Infinity, max: -Infinity };
    expect(await day()).toMatchObject({ analyses: todayBefore.analyses + 3, min: Math.min(20, todayBefore.min), max: Math.max(90, todayBefore.max) });

    // Changes that lower a max or raise a min: the day's per-score rows say what is left.
    await gql(`mutation { updateProjectAnalysis(id: "${high}", input: { healthScore: 70 }) { id } }`);
    await gql(`mutation { deleteProjectAnalysis(id: "${low}") { deletedId } }`);
    expect(await drift()).toEqual([]);
    if (todayBefore.analyses === 0) expect(await day()).toMatchObject({ analyses: 2, min: 60, max: 70, average: 65 });

    // Deleting the project takes its rollups along (cascade on SQL, explicitly on MongoDB).
    await gql(`mutation { deleteProject(id: "${project}") { deletedId } }`);
    expect(await drift()).toEqual([]);
    expect((await totals()).generations).toBe(before.generations);

    // Deleting a user takes their projects' rollups along, and the every-project rows lose what they counted.
    const owner = (await gql(`mutation { createUser(input: { username: "gone", email: "gone@example.com" }) { user { id } } }`)).createUser.user.id as string;
    const theirs = (await gql(`mutation { createProject(input: { name: "theirs", ownerId: "${owner}" }) { id } }`)).createProject.id as string;
    await gql(`mutation { createCodeGeneration(input: { projectId: "${theirs}", specification: "s", language: "go", tokensUsed: 5 }) { id } }`);
    await gql(`mutation { createProjectAnalysis(input: { projectId: "${theirs}", healthScore: 1, analysisData: {} }) { id } }`);
    expect(await drift()).toEqual([]);
    await gql(`mutation { deleteUser(id: "${owner}") { deletedId } }`);
    expect(await drift()).toEqual([]);
    expect(await totals()).toEqual(before);

    // The CLI finds drift (a row changed behind the API's back) and --rebuild repairs it.
    expect((await cli(server.db, 'db', 'rollups')).out).toBe(`${backend}: rollups match a full recount`);
    await server.app.store.orm.em.fork().nativeUpdate(GenerationDaily, {}, { generations: 999 });
    const found = await cli(server.db, 'db', 'rollups');
    expect(found.code).toBe(1);
    expect(found.out).toMatch(/rollups differ from a full recount/);
    expect(found.err).toMatch(/rollups drifted; run codeobit db rollups --rebuild/);
    const rebuilt = JSON.parse((await cli(server.db, 'db', 'rollups', '--rebuild', '--json')).out);
    expect(rebuilt).toMatchObject({ driver: backend, rebuilt: true, generationRows: expect.any(Number), healthRows: expect.any(Number) });
    expect(rebuilt.generationRows).toBeGreaterThan(0);
    expect(await drift()).toEqual([]);
    expect(await totals()).toEqual(before);
  });
});
