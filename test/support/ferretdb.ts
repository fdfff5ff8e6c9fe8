import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './ports';
import { killAtExit } from './exit-hooks';

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
  let child = await launch(bin, ['-listen', `127.0.0.1:${port}`, ...handler]);
  const halt = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  return {
    url: `mongodb://127.0.0.1:${port}/`,
    /** Stops the server, keeping its data (for outage tests). */
    halt,
    /** Starts it again on the same port and data after halt(). */
    async resume() {
      child = await launch(bin, ['-listen', `127.0.0.1:${port}`, ...handler]);
    },
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function launch(bin: string, args: string[]): Promise<ChildProcess> {
  const child: ChildProcess = killAtExit(spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  let log = '';
  child.stderr?.on('data', (d) => (log = (log + d).slice(-4000)));
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`FerretDB did not start within 30 s: ${log}\n${FIX}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('READY')) {
        clearTimeout(timer);
        ok();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`FerretDB exited with code ${code}: ${log}\n${FIX}`));
    });
  });
  return child;
}
