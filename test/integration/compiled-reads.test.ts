import 'reflect-metadata';
import { prng } from '../../src/backup/seed-data';
import type { FilterSpec } from '../../src/modules/common/filters';
import { ANALYSIS_FILTER_SPEC } from '../../src/modules/analysis/analysis.inputs';
import { AUTO_SAVE_FILTER_SPEC } from '../../src/modules/auto-save/auto-save.inputs';
import { CODE_GENERATION_FILTER_SPEC, CodeGenerationSortField } from '../../src/modules/code-generation/code-generation.inputs';
import { PROJECT_FILTER_SPEC, ProjectSortField } from '../../src/modules/project/project.inputs';
import { USER_FILTER_SPEC, UserSortField } from '../../src/modules/user/user.inputs';
import { ProjectAnalysisSortField } from '../../src/modules/analysis/analysis.inputs';
import { AutoSaveSortField } from '../../src/modules/auto-save/auto-save.inputs';
import { freshDatabase, readTargets, serverHasLookups, type TestDatabase } from '../support/backends';
import { cliOk } from '../support/cli';
import { TestServer } from '../support/server';

/**
 * The compiled read path (one statement per root field, see tree-plan.ts)
 * answers exactly what the batched path answers. Two servers share one seeded
 * database, one with COMPILED_READS off; generated operations (seeded) go to
 * both and their whole JSON answers must be equal: root pages with filters,
 * sorts and cursors walked forward and backward, rows by id, and below them
 * to-one relations, nested pages with their own arguments, cursors and
 * totalCount, aliases and latestAnalysis, three levels deep; as an admin and
 * as a plain user (access rules inside the statement). On SQL every one of
 * them is compiled and costs one round trip. On MongoDB every one is compiled
 * to one pipeline where the server has $lookup (mongo-java-server here, or a
 * real MongoDB through MONGO_URL) and none on FerretDB 1.24, which has no
 * $lookup: there the batched path answers them all.
 */
const CASES = Number(process.env.COMPILED_CASES ?? 100);
type Row = Record<string, any>;

interface TypeInfo {
  root: string;
  one: string;
  spec: FilterSpec;
  sorts: string[];
  scalars: string[];
  toOne: Record<string, string>;
  lists: Record<string, string>;
}

const TYPES: Record<string, TypeInfo> = {
  User: {
    root: 'users',
    one: 'user',
    spec: USER_FILTER_SPEC,
    sorts: Object.keys(UserSortField),
    scalars: ['username', 'email', 'role', 'preferences', 'apiKeyPrefix', 'apiKeyActive', 'createdAt', 'updatedAt'],
    toOne: {},
    lists: { projects: 'Project', autoSaves: 'AutoSave' },
  },
  Project: {
    root: 'projects',
    one: 'project',
    spec: PROJECT_FILTER_SPEC,
    sorts: Object.keys(ProjectSortField),
    scalars: ['name', 'description', 'status', 'projectType', 'config', 'createdAt', 'updatedAt'],
    toOne: { owner: 'User' },
    lists: { codeGenerations: 'CodeGeneration', analyses: 'ProjectAnalysis' },
  },
  CodeGeneration: {
    root: 'codeGenerations',
    one: 'codeGeneration',
    spec: CODE_GENERATION_FILTER_SPEC,
    sorts: Object.keys(CodeGenerationSortField),
    scalars: ['specification', 'language', 'framework', 'status', 'tokensUsed', 'priority', 'attempts', 'completedAt', 'createdAt', 'updatedAt'],
    toOne: { project: 'Project' },
    lists: {},
  },
  ProjectAnalysis: {
    root: 'projectAnalyses',
    one: 'projectAnalysis',
    spec: ANALYSIS_FILTER_SPEC,
    sorts: Object.keys(ProjectAnalysisSortField),
    scalars: ['healthScore', 'issuesCount', 'warningsCount', 'analysisData', 'createdAt'],
    toOne: { project: 'Project' },
    lists: {},
  },
  AutoSave: {
    root: 'autoSaves',
    one: 'autoSave',
    spec: AUTO_SAVE_FILTER_SPEC,
    sorts: Object.keys(AutoSaveSortField),
    scalars: ['saveId', 'filePath', 'saveType', 'sizeChars', 'metadata', 'createdAt'],
    toOne: { user: 'User' },
    lists: {},
  },
};

const OPS: Record<string, string[]> = { string: ['eq', 'in', 'contains'], id: ['eq', 'in'], int: ['eq', 'in', 'gt', 'gte', 'lt', 'lte'], date: ['gt', 'gte', 'lt', 'lte'], enum: ['eq', 'in'] };

/** Fields read to pick filter values from, per type: the scalars and the to-one ids. */
const poolQuery = (type: string) => {
  const t = TYPES[type];
  const refs = Object.keys(t.toOne).map((k) => `${k} { id }`);
  return `{ ${t.root}(first: 100) { edges { node { id ${[...new Set([...t.scalars, ...Object.values(t.spec).map((s) => s.prop)])].filter((p) => !(p in t.toOne) && p !== 'id').join(' ')} ${refs.join(' ')} } } } }`;
};

describe.each(readTargets())('compiled reads on %s: one statement = the batched path', (label, backend, mongoServer) => {
  let compiled: TestServer;
  let batched: TestServer;
  let plainKey: string;
  let db: TestDatabase;
  /** Whether this server compiles root fields: SQL always, MongoDB where it has $lookup. */
  let compiles = backend !== 'mongodb';
  const pools: Record<string, Row[]> = {};
  const sql = backend !== 'mongodb';
  // FerretDB scans in memory: a quarter of the cases there.
  const cases = backend === 'mongodb' && !mongoServer ? Math.ceil(CASES / 4) : CASES;

  beforeAll(async () => {
    const env = { RATE_LIMIT_PER_MINUTE: '0', AUTH_CACHE_TTL_MS: '600000' };
    db = freshDatabase(backend, mongoServer);
    if (!sql) compiles = await serverHasLookups(db.databaseUrl);
    await cliOk(db, 'db', 'init');
    await cliOk(db, 'db', 'seed', '--seed', '5', '--anchor', '2026-11-01');
    compiled = await TestServer.start(backend, env, db.databaseUrl);
    batched = await TestServer.start(backend, { ...env, COMPILED_READS: 'false' }, compiled.db.databaseUrl, compiled.admin);
    // A plain user with data of their own, to check access rules inside the statement.
    const made = await compiled.raw<Row>({ query: 'mutation { createUser(input: { username: "plain", email: "plain@example.com" }) { apiKey user { id } } }' });
    plainKey = made.data!.createUser.apiKey;
    const userId = made.data!.createUser.user.id;
    for (let p = 0; p < 3; p++) {
      const project = await compiled.raw<Row>({ query: `mutation { createProject(input: { ownerId: "${userId}", name: "mine ${p}" }) { id } }` });
      for (let g = 0; g < 4; g++) {
        await compiled.raw({
          query: `mutation { createCodeGeneration(input: { projectId: "${project.data!.createProject.id}", specification: "s${g}", language: "${g % 2 ? 'go' : 'rust'}", tokensUsed: ${g * 10} }) { id } }`,
        });
      }
    }
    for (const type of Object.keys(TYPES)) {
      const res = await batched.raw<Row>({ query: poolQuery(type) });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      pools[type] = res.data![TYPES[type].root].edges.map((e: Row) => e.node);
      expect(pools[type].length).toBeGreaterThan(3);
    }
  }, 300_000);

  afterAll(async () => {
    await batched?.app.stop();
    await compiled?.app.stop();
    db?.dispose();
  });

  it('generated operations answer the same on both paths, compiled in one round trip each', async () => {
    const r = prng(backend.length * 104_729);
    const metric = async (name: string, label = '') => {
      const text = await (await fetch(compiled.url.replace('/graphql', '/metrics'))).text();
      const m = new RegExp(`^${name}${label.replace(/[{}]/g, (c) => `\\${c}`)} (\\d+)`, 'm').exec(text);
      return m ? Number(m[1]) : 0;
    };
    const value = (type: string, prop: string): unknown => {
      const row = r.pick(pools[type]);
      const v = row[prop];
      return v && typeof v === 'object' && 'id' in v ? v.id : v;
    };
    const condition = (type: string): Row => {
      const [field, { prop, kind }] = r.pick(Object.entries(TYPES[type].spec));
      const op = r.pick(OPS[kind]);
      if (op === 'in') return { [field]: { in: [value(type, prop), value(type, prop)].filter((v) => v != null) } };
      let v = value(type, prop);
      if (v == null || typeof v === 'object') return {};
      if (op === 'contains') v = String(v).slice(r.int(0, 2), r.int(3, 5)).toUpperCase() || 'a';
      return { [field]: { [op]: v } };
    };
    const filter = (type: string): Row | undefined => {
      const shape = r.int(0, 6);
      if (shape >= 4) return undefined;
      if (shape === 3) return { OR: [condition(type), condition(type)] };
      return Object.assign({}, ...Array.from({ length: shape + 1 }, () => condition(type)));
    };
    const pageArgs = (type: string, root: boolean): Row => {
      const args: Row = {};
      if (r.next() < 0.7) args.first = r.int(0, root ? 7 : 4);
      else args.last = r.int(1, 4);
      if (r.next() < 0.5) args.orderBy = { field: r.pick(TYPES[type].sorts), direction: r.pick(['ASC', 'DESC']) };
      const f = r.next() < (root ? 0.6 : 0.3) ? filter(type) : undefined;
      if (f) args.filter = f;
      return args;
    };
    // Filters travel as variables (declared per operation): enum values coerce from their names there.
    let vars: Row = {};
    let decls: string[] = [];
    const argText = (args: Row, type: string) => {
      const parts: string[] = [];
      for (const [k, v] of Object.entries(args)) {
        if (k === 'filter') {
          const name = `f${decls.length}`;
          decls.push(`$${name}: ${type}Filter`);
          vars[name] = v;
          parts.push(`filter: $${name}`);
        } else if (k === 'orderBy') parts.push(`orderBy: { field: ${v.field}, direction: ${v.direction} }`);
        else parts.push(`${k}: ${JSON.stringify(v)}`);
      }
      return parts.length ? `(${parts.join(', ')})` : '';
    };
    const operation = (head: string[], body: string) => `query${head.length + decls.length ? `(${[...head, ...decls].join(', ')})` : ''} { ${body} }`;
    const selection = (type: string, depth: number): string => {
      const t = TYPES[type];
      const parts = ['id', ...t.scalars.filter(() => r.next() < 0.4)];
      if (depth < 3) {
        for (const [field, target] of Object.entries(t.toOne)) if (r.next() < 0.5) parts.push(`${field} { ${selection(target, depth + 1)} }`);
        for (const [field, target] of Object.entries(t.lists)) {
          if (r.next() < 0.5) parts.push(`${field}${argText(pageArgs(target, false), target)} { ${connection(target, depth + 1)} }`);
          if (r.next() < 0.15) parts.push(`again_${field}: ${field}${argText(pageArgs(target, false), target)} { ${connection(target, depth + 1)} }`);
        }
        if (type === 'Project' && r.next() < 0.4) parts.push(`latestAnalysis { id healthScore createdAt ${r.next() < 0.3 ? 'project { id name }' : ''} }`);
      }
      if (r.next() < 0.2) parts.push('__typename');
      return parts.join(' ');
    };
    const connection = (type: string, depth: number): string => {
      // Rows under edges.node, under nodes, or (rarely) both.
      const pick = r.next();
      const parts = pick < 0.6 ? [`edges { ${r.next() < 0.5 ? 'cursor' : ''} node { ${selection(type, depth)} } }`] : [`nodes { ${selection(type, depth)} }`];
      if (pick > 0.9) parts.push(`mixed_edges: edges { cursor node { id } }`);
      if (r.next() < 0.6) parts.push('pageInfo { hasNextPage hasPreviousPage startCursor endCursor }');
      if (r.next() < 0.5) parts.push('totalCount');
      return parts.join(' ');
    };
    const same = async (query: string, variables: Row, key: string): Promise<Row> => {
      const [a, b] = await Promise.all([compiled.as(key).raw<Row>({ query, variables }), batched.as(key).raw<Row>({ query, variables })]);
      expect({ query, variables, answer: a }).toEqual({ query, variables, answer: b });
      if (a.errors) errors.push(a.errors[0]?.extensions?.code);
      // A request refused before execution (variables not fitting their types) reads nothing.
      if (a.data) {
        roots++;
        requests++;
        // Written straight from the rows unless a field is computed by its own resolver, one connection's
        // rows are selected twice (nodes and edges), or something went wrong.
        if (!a.errors && !query.includes('apiKeyActive') && !query.includes('mixed_edges')) direct++;
      }
      return a;
    };

    const errors: unknown[] = [];
    let roots = 0;
    let requests = 0;
    let direct = 0;
    const tripsBefore = await metric('codeobit_db_round_trips_total');
    const compiledBefore = await metric('codeobit_root_reads_total', '{path="compiled"}');
    const batchedBefore = await metric('codeobit_root_reads_total', '{path="batched"}');
    // Every key verified once before counting (its lookup is a round trip of its own).
    for (const key of [compiled.admin.apiKey, plainKey]) await same('{ me { id } }', {}, key);
    roots = requests = direct = 0;
    const answeredBefore = await metric('codeobit_tree_answers_total');
    const tripsStart = (await metric('codeobit_db_round_trips_total')) - tripsBefore;

    for (let c = 0; c < cases; c++) {
      const key = r.next() < 0.3 ? plainKey : compiled.admin.apiKey;
      vars = {};
      decls = [];
      const type = r.pick(Object.keys(TYPES));
      const t = TYPES[type];
      if (r.next() < 0.3) {
        // One row by id (sometimes one the caller may not read), with the nested cursor walked a page on.
        const id = r.pick(pools[type]).id;
        const body = selection(type, 1);
        const answer = await same(operation(['$id: ID!'], `${t.one}(id: $id) { ${body} }`), { ...vars, id }, key);
        const [field, target] = Object.entries(t.lists)[0] ?? [];
        if (!field || !answer.data?.[t.one]) continue;
        const order = `orderBy: { field: ${r.pick(TYPES[target].sorts)}, direction: ${r.pick(['ASC', 'DESC'])} }`;
        vars = {};
        decls = [];
        const inner = selection(target, 2);
        const nested = operation(
          ['$id: ID!', '$after: String'],
          `${t.one}(id: $id) { id ${field}(first: 2, after: $after, ${order}) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { ${inner} } } } }`,
        );
        let after: string | null = null;
        for (let step = 0; step < 3; step++) {
          const page: Row = await same(nested, { ...vars, id, after }, key);
          const info = page.data?.[t.one]?.[field]?.pageInfo;
          if (!info?.hasNextPage) break;
          after = info.endCursor;
        }
        continue;
      }
      // A root page, walked by its cursor for up to 3 pages.
      const args = pageArgs(type, true);
      const backward = args.last != null;
      delete args.first;
      delete args.last;
      const size = r.int(1, 6);
      const rootArgs = Object.keys(args).length ? `, ${argText(args, type).slice(1, -1)}` : '';
      const body = connection(type, 1);
      const query = operation(
        ['$size: Int', '$cursor: String'],
        `${t.root}(${backward ? 'last: $size, before: $cursor' : 'first: $size, after: $cursor'}${rootArgs}) { ${body} pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }`,
      );
      let cursor: string | null = null;
      for (let step = 0; step < 3; step++) {
        const page: Row = await same(query, { ...vars, size, cursor }, key);
        const info = page.data?.[t.root]?.pageInfo;
        if (!info || !(backward ? info.hasPreviousPage : info.hasNextPage)) break;
        cursor = backward ? info.startCursor : info.endCursor;
      }
    }

    const trips = (await metric('codeobit_db_round_trips_total')) - tripsBefore - tripsStart;
    const compiledRoots = (await metric('codeobit_root_reads_total', '{path="compiled"}')) - compiledBefore;
    const batchedRoots = (await metric('codeobit_root_reads_total', '{path="batched"}')) - batchedBefore;
    const answered = (await metric('codeobit_tree_answers_total')) - answeredBefore;
    process.stdout.write(
      `\ncompiled reads on ${label}: ${roots} root fields in ${requests} requests, ${compiledRoots} compiled, ${batchedRoots} batched, ${trips} round trips, ${answered} answered from their rows; errors ${JSON.stringify(errors)}\n`,
    );
    if (sql) {
      expect({ compiledRoots, batchedRoots }).toEqual({ compiledRoots: roots, batchedRoots: 0 });
      expect(trips).toBe(requests);
      expect(answered).toBe(direct);
    } else if (compiles) {
      // One pipeline per root field, plus a count sent beside it for a root totalCount and the plain user's project ids.
      expect({ compiledRoots, batchedRoots }).toEqual({ compiledRoots: roots, batchedRoots: 0 });
      expect(answered).toBe(direct);
    } else {
      expect({ compiledRoots, batchedRoots }).toEqual({ compiledRoots: 0, batchedRoots: roots });
      expect(answered).toBe(0);
    }
  }, 600_000);

  it('a repeated operation is planned by its variables each time: @include/@skip, ids and page sizes', async () => {
    // The same document text each time, so the same parsed nodes (plans of to-one selections are kept per node, see tree-plan.ts).
    const query = `query($id: ID!, $owner: Boolean!, $skipName: Boolean!, $n: Int) {
      codeGeneration(id: $id) { id project { id name @skip(if: $skipName) owner @include(if: $owner) { id username } } }
      projects(first: 2) { nodes { id owner { id } codeGenerations(first: $n) { nodes { id project { id } } } } }
    }`;
    const answers: Row[] = [];
    for (let i = 0; i < 8; i++) {
      const variables = { id: pools.CodeGeneration[i % 3].id, owner: i % 2 === 0, skipName: i % 4 === 1, n: 1 + (i % 3) };
      const [a, b] = await Promise.all([compiled.raw<Row>({ query, variables }), batched.raw<Row>({ query, variables })]);
      expect(a.errors).toBeUndefined();
      expect(a).toEqual(b);
      const project = a.data!.codeGeneration.project;
      expect('owner' in project).toBe(variables.owner);
      expect('name' in project).toBe(!variables.skipName);
      expect(a.data!.codeGeneration.id).toBe(variables.id);
      for (const node of a.data!.projects.nodes) expect(node.codeGenerations.nodes.length).toBeLessThanOrEqual(variables.n);
      answers.push(a);
    }
    // Runs 0 and 6 have the same variables: the same answer.
    expect(answers[6]).toEqual(answers[0]);
    expect(answers[0].data!.codeGeneration.project.id).toBe(pools.CodeGeneration[0].project.id);
  }, 120_000);

  it('a tree binding more values than one statement may (SQLite) takes the batched path, with the same answer', async () => {
    const metric = async (path: string) => {
      const text = await (await fetch(compiled.url.replace('/graphql', '/metrics'))).text();
      return Number(new RegExp(`^codeobit_root_reads_total\\{path="${path}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    };
    // 7 lists under one user, each filtered by 50 conditions of 100 ids: 35,000 values, past SQLite's 32,766.
    const ids = pools.Project.map((p) => p.id);
    const filter = { OR: Array.from({ length: 50 }, (_, i) => ({ id: { in: Array.from({ length: 100 }, (_, j) => ids[(i * 100 + j) % ids.length]) } })) };
    const lists = Array.from({ length: 7 }, (_, i) => `p${i}: projects(first: 3, filter: $f) { totalCount edges { node { id name } } }`).join(' ');
    const query = `query($f: ProjectFilter) { users(first: 2) { edges { node { id ${lists} } } } }`;
    const before = { compiled: await metric('compiled'), batched: await metric('batched') };
    const [a, b] = await Promise.all([compiled.raw<Row>({ query, variables: { f: filter } }), batched.raw<Row>({ query, variables: { f: filter } })]);
    expect(a.errors).toBeUndefined();
    expect(a).toEqual(b);
    expect(a.data!.users.edges.length).toBe(2);
    const after = { compiled: await metric('compiled'), batched: await metric('batched') };
    // PostgreSQL binds each `in` list as one array (350 parameters): it stays compiled. SQLite binds each value.
    // MongoDB takes it as one pipeline where it has $lookup.
    const expected = { sqlite: { compiled: 0, batched: 1 }, postgresql: { compiled: 1, batched: 0 }, mongodb: compiles ? { compiled: 1, batched: 0 } : { compiled: 0, batched: 1 } }[backend];
    expect({ compiled: after.compiled - before.compiled, batched: after.batched - before.batched }).toEqual(expected);
  }, 120_000);
});
