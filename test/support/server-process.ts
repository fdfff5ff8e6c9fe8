import { spawn, type ChildProcess } from 'node:child_process';
import { killAtExit } from './exit-hooks';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The built entry point (`npm test` builds it first): what `npm start` and the Docker image run. */
export const MAIN_JS = resolve(__dirname, '../../dist/src/main.js');

/** The complete JSON log lines in `stderr`, parsed (field order is the logger's business). */
export function logEvents(stderr: string): Record<string, unknown>[] {
  return stderr.split('\n').flatMap((l) => {
    try {
      return l.startsWith('{') ? [JSON.parse(l) as Record<string, unknown>] : [];
    } catch {
      return []; // a line still being written
    }
  });
}

/** The URL from the "server ready" line, once logged. */
export const readyUrl = (stderr: string): string | undefined => logEvents(stderr).find((e) => e.msg === 'server ready')?.url as string | undefined;

/**
 * The Node flags `npm start` gives the server: those of package.json's
 * "start:dist" (the Dockerfile's CMD repeats them; test/startup.test.ts checks).
 */
export const SERVER_NODE_FLAGS: string[] = (() => {
  const script = (JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['start:dist'];
  const words = script.split(/\s+/);
  return words.slice(words.indexOf('node') + 1, words.indexOf('dist/src/main.js'));
})();

export interface ServerProcess {
  child: ChildProcess;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** Everything written to stderr so far (the JSON log lines). */
  stderr(): string;
  /** Resolves with the /graphql URL once the server logs that it is ready. */
  ready(timeoutMs?: number): Promise<string>;
  /** Resident memory of the process in MB, from /proc. */
  rssMb(): number;
}

/** Starts `node dist/src/main.js` with `env` (on top of a minimal environment). */
export function startServerProcess(env: Record<string, string>, nodeFlags: string[] = SERVER_NODE_FLAGS): ServerProcess {
  const child = killAtExit(
    spawn(process.execPath, [...nodeFlags, MAIN_JS], {
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdout!.resume();
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    exited,
    stderr: () => stderr,
    ready: (timeoutMs = 60_000) =>
      new Promise<string>((ok, fail) => {
        const check = () => {
          const url = readyUrl(stderr);
          if (!url) return false;
          clearTimeout(timer);
          child.stderr!.off('data', check);
          ok(url);
          return true;
        };
        const timer = setTimeout(() => fail(new Error(`no ready line within ${timeoutMs} ms: ${stderr.slice(-2000)}`)), timeoutMs);
        child.once('exit', (code) => fail(new Error(`server exited (${code}) before it was ready: ${stderr.slice(-2000)}`)));
        if (!check()) child.stderr!.on('data', check);
      }),
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024,
  };
}
