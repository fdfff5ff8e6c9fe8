import 'reflect-metadata';
import { CreateCodeGenerationDocument, CreateProjectDocument } from '../generated/graphql';
import { selectedBackends } from '../support/backends';
import { onlyError, TestServer } from '../support/server';

type Edges = { edges: { cursor: string; node: { id: string; name?: string; tokensUsed?: number } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number };

describe.each(selectedBackends())('filters and sorting on %s', (backend) => {
  let server: TestServer;
  const ids: Record<string, string> = {};
  const projectId = () => ids.gens;

  beforeAll(async () => {
    server = await TestServer.start(backend);
    const projects: [string, string, string][] = [
      ['Alpha', 'COMPLETED', 'first one'],
      ['alphabet', 'DRAFT', 'SECOND'],
      ['beta_release', 'IN_PROGRESS', '100% done'],
      ['gamma%', 'ARCHIVED', 'with_underscore'],
      ['delta', 'COMPLETED', 'plain'],
    ];
    for (const [name, status, description] of projects) {
      ids[name] = (await server.ok(CreateProjectDocument, { input: { name, status: status as never, description } })).createProject.id;
    }
    ids.gens = (await server.ok(CreateProjectDocument, { input: { name: 'gens' } })).createProject.id;
    for (const [language, tokensUsed, status] of [
      ['go', 100, 'COMPLETED'],
      ['rust', 500, 'FAILED'],
      ['go', 500, 'COMPLETED'],
      ['python', 900, 'PENDING'],
      ['go', 50, 'RUNNING'],
    ] as const) {
      await server.ok(CreateCodeGenerationDocument, { input: { projectId: projectId(), specification: `build ${language}`, language, tokensUsed, status } });
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  const projects = async (variables: Record<string, unknown>) => {
    const res = await server.raw<{ projects: Edges }>({
      query:
        'query($f: ProjectFilter, $o: ProjectOrder, $first: Int, $after: String) { projects(filter: $f, orderBy: $o, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }',
      variables,
    });
    return res;
  };
  const names = async (f: Record<string, unknown>, o?: Record<string, unknown>) => {
    const res = await projects({ f, o, first: 100 });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.projects.edges.map((e) => e.node.name).filter((n) => n !== 'gens');
  };

  it('searches text case-insensitively, with % and _ matching only themselves', async () => {
    expect((await names({ name: { contains: 'ALP' } })).sort()).toEqual(['Alpha', 'alphabet']);
    expect(await names({ name: { contains: '%' } })).toEqual(['gamma%']);
    expect(await names({ name: { contains: '_' } })).toEqual(['beta_release']);
    expect(await names({ description: { contains: 'second' } })).toEqual(['alphabet']);
    expect(await names({ description: { contains: '0% d' } })).toEqual(['beta_release']);
    expect(await names({ name: { eq: 'delta' } })).toEqual(['delta']);
  });

  it('combines enum, id and text conditions with AND / OR', async () => {
    expect((await names({ status: { in: ['COMPLETED', 'ARCHIVED'] } })).sort()).toEqual(['Alpha', 'delta', 'gamma%']);
    expect((await names({ OR: [{ status: { eq: 'DRAFT' } }, { name: { contains: 'beta' } }] })).sort()).toEqual(['alphabet', 'beta_release']);
    expect(await names({ AND: [{ status: { eq: 'COMPLETED' } }, { name: { contains: 'alp' } }] })).toEqual(['Alpha']);
    expect((await names({ id: { in: [ids.delta, ids['gamma%']] } })).sort()).toEqual(['delta', 'gamma%']);
    const now = new Date();
    expect((await names({ createdAt: { lte: now.toISOString() } })).length).toBe(5);
    expect(await names({ createdAt: { gt: now.toISOString() } })).toEqual([]);
  });

  it('filters numbers by range and sorts by them, ties broken by id', async () => {
    const res = await server.raw<{ codeGenerations: Edges }>({
      query: 'query($f: CodeGenerationFilter, $o: CodeGenerationOrder) { codeGenerations(filter: $f, orderBy: $o) { totalCount edges { node { id tokensUsed } } } }',
      variables: { f: { projectId: { eq: projectId() }, tokensUsed: { gte: 100, lt: 900 }, language: { in: ['go', 'rust'] } }, o: { field: 'TOKENS_USED', direction: 'DESC' } },
    });
    const rows = res.data!.codeGenerations.edges.map((e) => e.node);
    expect(rows.map((r) => r.tokensUsed)).toEqual([500, 500, 100]);
    expect(res.data!.codeGenerations.totalCount).toBe(3);
    expect(rows[0].id > rows[1].id).toBe(true); // DESC ties: id descending too
  });

  it('pages through a sorted list with cursors, nothing repeated or missed', async () => {
    const all = await names({}, { field: 'NAME', direction: 'DESC' });
    expect(all).toEqual(['gamma%', 'delta', 'beta_release', 'alphabet', 'Alpha']);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res = await projects({ o: { field: 'NAME', direction: 'DESC' }, first: 2, after });
      const page: Edges = res.data!.projects;
      seen.push(...page.edges.map((e) => e.node.name!));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.filter((n) => n !== 'gens')).toEqual(all);
    const first = (await projects({ first: 1 })).data!.projects.pageInfo.endCursor;
    const mismatch = await projects({ o: { field: 'NAME' }, first: 1, after: first });
    expect(onlyError(mismatch)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: 'Cursor was issued for a list ordered by createdAt, not name' });
  });

  it('refuses operator objects, oversized lists and deep nesting with BAD_USER_INPUT', async () => {
    const injected = await projects({ f: { name: { eq: { $gt: '' } } } });
    expect(onlyError(injected).extensions?.code).toBe('BAD_USER_INPUT');
    expect(await names({ name: { eq: '{"$gt": ""}' } })).toEqual([]);
    const many = await projects({ f: { name: { in: Array.from({ length: 101 }, (_, i) => `n${i}`) } } });
    expect(onlyError(many).message).toBe('filter name.in has more than 100 values');
    let deep: Record<string, unknown> = { name: { eq: 'x' } };
    for (let i = 0; i < 6; i++) deep = { AND: [deep] };
    expect(onlyError(await projects({ f: deep })).message).toBe('filter nests AND/OR deeper than 5 levels');
  });
});
