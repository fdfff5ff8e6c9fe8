/**
 * PostGraphile 5 (the anchor of the load targets) on the same PostgreSQL database,
 * on the same Node as the gateway, installed in its own package
 * (bench/postgraphile, `npm run bench` installs it) so a user's install never
 * carries it.
 */
import type { ChildProcess } from 'node:child_process';
import { spawnPinned } from './support/built-server';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../test/support/ports';

const PACKAGE = resolve(__dirname, 'postgraphile');

/** `nodeFlags` and `stdout` (a file descriptor) as startBuiltServer's (see gc-probe.ts). */
export async function startPostGraphile(databaseUrl: string, nodeFlags: string[] = [], stdout?: number): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const cli = join(PACKAGE, 'node_modules/postgraphile/dist/cli-run.js');
  if (!existsSync(cli)) throw new Error('PostGraphile is not installed: npm ci --prefix bench/postgraphile (npm run bench does it)');
  const child = spawnPinned(process.execPath, [...nodeFlags, cli, '-c', databaseUrl, '-s', 'public', '-P', 'postgraphile/presets/amber', '-p', String(port), '-n', '127.0.0.1'], {
    cwd: PACKAGE,
    env: { ...process.env, GRAPHILE_ENV: 'production', NODE_ENV: 'production' },
    stdio: ['ignore', stdout ?? 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; i < 150; i++) {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      if (res.ok) return { url, child };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('PostGraphile did not start');
}

/** Rows the deep-cursor shape starts after. */
export const DEEP = 5000;
const ORDER = 'orderBy: [CREATED_AT_ASC, ROW_ID_ASC]';

/**
 * The bench shapes in PostGraphile's schema, by the gateway's shape names.
 * The filtered page differs: PostGraphile's amber preset filters by equality
 * only (`condition`), so it reads one status where the gateway reads two and a
 * token range.
 */
export const POSTGRAPHILE_OPS: Record<string, (ids: { generationId: string; projectId: string; deepCursor: string }) => [string, Record<string, unknown>]> = {
  'by id, 3 levels of to-one': ({ generationId }) => [
    'query($id: UUID!) { codeGenerationByRowId(rowId: $id) { rowId status projectByProjectId { rowId name userByOwnerId { rowId username } } } }',
    { id: generationId },
  ],
  '50-row page + to-one + totalCount': () => [`{ allProjects(first: 50, ${ORDER}) { totalCount nodes { rowId name status userByOwnerId { rowId username } } } }`, {}],
  'nested 10×5×5': () => [
    `{ allUsers(first: 10, ${ORDER}) { nodes { rowId username projectsByOwnerId(first: 5, ${ORDER}) { nodes { rowId name codeGenerationsByProjectId(first: 5, ${ORDER}) { nodes { rowId status } } } } } } }`,
    {},
  ],
  'filtered + sorted page': () => ['{ allCodeGenerations(first: 20, condition: { status: "completed" }, orderBy: [TOKENS_USED_DESC, ROW_ID_DESC]) { nodes { rowId status tokensUsed } } }', {}],
  [`page ${DEEP} rows deep by cursor`]: ({ deepCursor }) => [`query($c: Cursor) { allProjects(first: 50, after: $c, ${ORDER}) { nodes { rowId name } } }`, { c: deepCursor }],
  createCodeGeneration: ({ projectId }) => [
    'mutation($i: CreateCodeGenerationInput!) { createCodeGeneration(input: $i) { codeGeneration { rowId } } }',
    {
      i: {
        codeGeneration: { rowId: '00000000-0000-4000-8000-000000000000', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), specification: 'bench', language: 'go', projectId },
      },
    },
  ],
};

/** PostGraphile's cursor after the first DEEP projects in the deep shape's order. */
export async function postgraphileDeepCursor(url: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ allProjects(first: 1, offset: ${DEEP - 1}, ${ORDER}) { edges { cursor } } }` }),
  });
  const body = (await res.json()) as { data?: { allProjects: { edges: { cursor: string }[] } }; errors?: unknown };
  if (!body.data) throw new Error(`PostGraphile: ${JSON.stringify(body.errors)}`);
  return body.data.allProjects.edges[0].cursor;
}
