import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './ports';
import { launchUntilReady, stopChild } from './child-server';

/**
 * FerretDB (MongoDB wire protocol) embedded from Go, built from docker/ferretdb
 * by `go build` when the binary is missing or older than its source.
 */
const SRC = resolve(__dirname, '../../docker/ferretdb');
const BIN = resolve(__dirname, '../../.tmp/ferretdb-embedded');
const FIX = 'Install Go 1.26+ (the build fetches FerretDB v1.24.2 from the Go module proxy), pass MONGO_URL=mongodb://..., or exclude it with TEST_BACKENDS=sqlite,postgresql.';

export interface MongoServer {
  url: string;
  stop(): Promise<void>;
}

export function buildFerretDb(): string {
  const stale = !existsSync(BIN) || ['main.go', 'go.mod', 'go.sum'].some((f) => statSync(join(SRC, f)).mtimeMs > statSync(BIN).mtimeMs);
  if (stale) {
    mkdirSync(resolve(BIN, '..'), { recursive: true });
    const res = spawnSync('go', ['build', '-o', BIN, '.'], { cwd: SRC, encoding: 'utf8', env: { ...process.env, CGO_ENABLED: '0' } });
    if (res.status !== 0) throw new Error(`Building FerretDB failed: ${(res.stderr || String(res.error)).trim()}\n${FIX}`);
  }
  return BIN;
}

/**
 * Starts FerretDB on a free port: with its SQLite handler by default, or on
 * PostgreSQL when `postgresqlUrl` is given (FerretDB then keeps each collection
 * as a PostgreSQL table, which scales better for large collections).
 */
export async function startFerretDb(postgresqlUrl?: string): Promise<MongoServer & { halt(): Promise<void>; resume(): Promise<void> }> {
  const bin = buildFerretDb();
  const dir = mkdtempSync(join(tmpdir(), 'codeobit-ferretdb-'));
  const port = await freePort();
  const handler = postgresqlUrl ? ['-handler', 'postgresql', '-postgresql-url', postgresqlUrl] : ['-handler', 'sqlite', '-sqlite-url', `file:${dir}/`];
  const launch = () => launchUntilReady('FerretDB', bin, ['-listen', `127.0.0.1:${port}`, ...handler], 30_000, FIX);
  let child = await launch();
  const halt = () => stopChild(child);
  return {
    url: `mongodb://127.0.0.1:${port}/`,
    /** Stops the server, keeping its data (for outage tests). */
    halt,
    /** Starts it again on the same port and data after halt(). */
    async resume() {
      child = await launch();
    },
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
