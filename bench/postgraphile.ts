/**
 * PostGraphile 5 (the anchor of the load targets) on the same PostgreSQL database,
 * on the same Node as the gateway, installed in its own package
 * (bench/postgraphile, `npm run bench` installs it) so a user's install never
 * carries it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../test/support/ports';

const PACKAGE = resolve(__dirname, 'postgraphile');

export async function startPostGraphile(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const cli = join(PACKAGE, 'node_modules/postgraphile/dist/cli-run.js');
  if (!existsSync(cli)) throw new Error('PostGraphile is not installed: npm ci --prefix bench/postgraphile (npm run bench does it)');
  const child = spawn(process.execPath, [cli, '-c', databaseUrl, '-s', 'public', '-P', 'postgraphile/presets/amber', '-p', String(port), '-n', '127.0.0.1'], {
    cwd: PACKAGE,
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
