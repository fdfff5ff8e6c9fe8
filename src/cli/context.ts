import type { MikroORM } from '@mikro-orm/core';
import { loadConfig, maskUrl, type AppConfig } from '../config';
import { initORM } from '../db/orm';
import type { Backend } from '../db/backend/backend';
import { createBackend } from '../db/drivers';

/** A failure the CLI reports as one line and a non-zero exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Where CLI output goes; tests pass their own to capture it. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** True when stderr is a terminal: progress bars instead of log lines. */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

export const processIO: CliIO = {
  out: (l) => process.stdout.write(l + '\n'),
  err: (l) => process.stderr.write(l + '\n'),
  isTTY: Boolean(process.stderr.isTTY),
  env: process.env,
};

/** Opens the configured database (DB_DRIVER / DATABASE_URL), with a clear error when unreachable. */
export async function openDatabase(io: CliIO): Promise<{ orm: MikroORM; backend: Backend; config: AppConfig; target: string }> {
  const config = loadConfig(io.env);
  const target = maskUrl(config.databaseUrl);
  try {
    const orm = await initORM({ driver: config.driver, databaseUrl: config.databaseUrl });
    // MikroORM 7 connects lazily: connect now so an unreachable database fails here, with its reason.
    await orm.connect();
    const check = await orm.checkConnection();
    if (!check.ok) throw new Error(check.reason ?? 'not reachable');
    return { orm, backend: createBackend(config.driver, orm), config, target };
  } catch (e) {
    throw new CliError(`cannot connect to ${config.driver} at ${target}: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
  }
}

/** Runs `work` with an open database and always closes it. */
export async function withDatabase<T>(io: CliIO, work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase(io);
  try {
    return await work(db);
  } finally {
    await db.orm.close(true);
  }
}

/** Peak resident memory of this process so far, in MiB (reported by --json for benchmarks). */
export const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
