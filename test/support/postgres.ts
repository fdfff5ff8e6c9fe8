import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';
import { atExit } from './exit-hooks';

/**
 * A throwaway PostgreSQL cluster from the installed binaries: initdb into a
 * temp dir, a free port, fsync off (nothing here needs to survive a crash).
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */
export interface PgCluster {
  url: string;
  /** The same server over its Unix socket (the host is the socket's directory). */
  socketUrl: string;
  stop(): void;
  /** Stops the server (fast shutdown: clients are disconnected), keeping its data. */
  halt(): void;
  /** Starts it again on the same port after halt(). */
  resume(): void;
}

const FIX = 'Install PostgreSQL 15 (apt-get install postgresql-15), set PG_BIN to its bin directory, pass POSTGRES_URL, or exclude it with TEST_BACKENDS=sqlite,mongodb.';

export function pgBin(): string {
  const candidates = [process.env.PG_BIN, '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'];
  const dir = candidates.find((d) => d && existsSync(join(d, 'initdb')));
  if (!dir) throw new Error(`PostgreSQL binaries (initdb, pg_ctl) not found. ${FIX}`);
  return dir;
}

/** Runs a PostgreSQL program from `dir` (as the `postgres` user when we are root: the server refuses root). */
function runner(dir: string) {
  const bin = pgBin();
  const asRoot = process.getuid?.() === 0;
  return (cmd: string, args: string[]) => {
    const full = asRoot ? (['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] as const) : ([join(bin, cmd), args] as const);
    const res = spawnSync(full[0], full[1] as string[], { encoding: 'utf8', cwd: dir });
    if (res.status !== 0) throw new Error(`PostgreSQL ${cmd} failed: ${(res.stderr || res.stdout || String(res.error)).trim()}\n${FIX}`);
  };
}

export async function startPostgres(): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'codeobit-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const run = runner(dir);
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  return serve(dir, data, run);
}

/**
 * A streaming replica of the cluster at `primaryUrl`: a pg_basebackup of it
 * (-R: it follows the primary as a hot standby), served on its own free port.
 */
export async function startReplica(primaryUrl: string): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'codeobit-pg-replica-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const run = runner(dir);
  const primary = new URL(primaryUrl);
  run('pg_basebackup', ['-h', primary.hostname, '-p', primary.port, '-U', 'postgres', '-D', data, '-R', '-X', 'stream', '--checkpoint=fast', '--no-sync']);
  return serve(dir, data, run);
}

async function serve(dir: string, data: string, run: (cmd: string, args: string[]) => void): Promise<PgCluster> {
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    release();
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const release = atExit(stop);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    socketUrl: `postgresql://postgres@${encodeURIComponent(dir)}:${port}/postgres`,
    halt: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    resume: () => run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']),
    stop,
  };
}

/** Creates an empty database in the cluster behind `url` and returns its URL. */
export function createPgDatabase(url: string, name: string): string {
  const target = new URL(url);
  execFileSync(join(pgBin(), 'psql'), [url, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE "${name}"`], { stdio: 'pipe' });
  target.pathname = `/${name}`;
  return target.toString();
}
