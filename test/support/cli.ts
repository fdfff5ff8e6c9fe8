import { readFileSync } from 'node:fs';
import { main } from '../../src/cli/main';
import type { TestDatabase } from './backends';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the real CLI entry point (exported main) against one test database, capturing its output. */
export async function cli(db: Pick<TestDatabase, 'driver' | 'databaseUrl'>, ...args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    isTTY: false,
    env: { DB_DRIVER: db.driver, DATABASE_URL: db.databaseUrl },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Like cli() but fails the test unless the command exits 0; returns parsed --json output when asked. */
export async function cliOk(db: Pick<TestDatabase, 'driver' | 'databaseUrl'>, ...args: string[]): Promise<CliRun> {
  const run = await cli(db, ...args);
  if (run.code !== 0) throw new Error(`codeobit ${args.join(' ')} exited ${run.code}: ${run.err}`);
  return run;
}

/** The rows of a backup file without its header: the canonical export, identical whatever backend wrote it. */
export function backupBody(file: string): string {
  const text = readFileSync(file, 'utf8');
  return text.slice(text.indexOf('\n') + 1);
}
