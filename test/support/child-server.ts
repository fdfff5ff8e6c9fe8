import { spawn, type ChildProcess } from 'node:child_process';
import { killAtExit } from './exit-hooks';

/**
 * Spawns a server (killed when this process exits) and waits until it prints
 * READY on stdout: the child, or an error with its last stderr and `fix`.
 */
export async function launchUntilReady(name: string, command: string, args: string[], timeoutMs: number, fix: string): Promise<ChildProcess> {
  const child: ChildProcess = killAtExit(spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  let log = '';
  child.stderr?.on('data', (d) => (log = (log + d).slice(-4000)));
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start within ${timeoutMs / 1000} s: ${log}\n${fix}`)), timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('READY')) {
        clearTimeout(timer);
        ok();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${name} exited with code ${code}: ${log}\n${fix}`));
    });
  });
  return child;
}

/** Stops a server: SIGTERM, then SIGKILL if it is still running 5 s later. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
  if (child.exitCode === null) child.kill('SIGKILL');
}
