import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const CLI = join(resolve(__dirname, '../..'), 'dist/src/cli/main.js');

/** The built `codeobit` CLI with `env` (a bench's database), its stdout; `heapMb` bounds its heap. */
export function cli(env: Record<string, string>, heapMb: number, ...args: string[]): string {
  return execFileSync(process.execPath, [`--max-old-space-size=${heapMb}`, CLI, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

/** One GraphQL request with an API key: its data, or an error carrying the errors. */
export async function gql(url: string, key: string, query: string, variables: object = {}): Promise<Record<string, any>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}
