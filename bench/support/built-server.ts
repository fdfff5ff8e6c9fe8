import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../../test/support/ports';
import { killAtExit } from '../../test/support/exit-hooks';
import { SERVER_NODE_FLAGS } from '../../test/support/server-process';

const ROOT = resolve(__dirname, '../..');

// A bench stopped by Ctrl-C or SIGTERM leaves through process.exit, so the exit hooks stop what it started.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

/**
 * spawn(), on the core BENCH_PIN_CORE names when set (taskset execs the
 * command, so the child's pid is the program's): CPU per request is then
 * measured on one core, apart from the load generator.
 */
export function spawnPinned(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const core = process.env.BENCH_PIN_CORE;
  return killAtExit(core ? spawn('taskset', ['-c', core, command, ...args], options) : spawn(command, args, options));
}

/** CPU time the process has used so far, in milliseconds (utime + stime from /proc, 100 ticks a second). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * The built server (dist/src/main.js, `npm run build` first) as a process of its
 * own on a free port, in production mode, rate limits off; resolves once /readyz
 * answers. `env` adds or overrides settings; `nodeFlags` come before the Node
 * flags `npm start` and the Docker image use (SERVER_NODE_FLAGS in the
 * environment, space-separated, replaces those).
 * SERVER_STDOUT=1 passes the server's stdout through (e.g. for --trace-gc).
 * `main` runs another build's entry point (see ab.ts); `stdout`, a file
 * descriptor, takes the server's stdout (e.g. `--trace-gc`, see gc-probe.ts).
 */
export async function startBuiltServer(
  env: Record<string, string>,
  nodeFlags: string[] = [],
  main = join(ROOT, 'dist/src/main.js'),
  stdout?: number,
): Promise<{ url: string; base: string; child: ChildProcess }> {
  const port = await freePort();
  const heap = process.env.SERVER_NODE_FLAGS?.split(' ').filter(Boolean) ?? SERVER_NODE_FLAGS;
  const child = spawnPinned(process.execPath, [...nodeFlags, ...heap, main], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_ANON_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', stdout ?? (process.env.SERVER_STDOUT ? 'inherit' : 'ignore'), 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { url: `${base}/graphql`, base, child };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start');
}
