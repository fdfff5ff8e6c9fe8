import type { ChildProcess } from 'node:child_process';

/**
 * Servers a process started (PostgreSQL clusters, FerretDB, server processes),
 * stopped however it ends: returned, threw, or called process.exit. A bench or
 * test run that crashes leaves nothing running. Tasks are synchronous: 'exit'
 * runs no more ticks.
 */
const tasks = new Set<() => void>();

export function atExit(task: () => void): () => void {
  if (!process.listeners('exit').includes(runAll)) process.once('exit', runAll);
  tasks.add(task);
  return () => void tasks.delete(task);
}

function runAll() {
  for (const task of tasks) {
    try {
      task();
    } catch {
      // already stopped
    }
  }
}

/** `child`, killed at exit if it still runs. */
export function killAtExit<C extends ChildProcess>(child: C): C {
  const release = atExit(() => child.kill('SIGKILL'));
  child.once('exit', release);
  return child;
}
