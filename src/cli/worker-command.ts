import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { QueueClient } from '../worker/queue-client';
import { type Handler, Worker } from '../worker/worker';
import { CliError, type CliIO } from './context';

export interface WorkerCommandOptions {
  handler?: string;
  concurrency?: string;
  lease?: string;
  languages?: string;
  workerId?: string;
  url?: string;
  grace?: string;
  progress?: string;
}

function whole(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`--${name} ${raw}: use a whole number from ${min} to ${max}`, 2);
  return n;
}

/**
 * The handler module's function: its default export, `handle`, or the module itself.
 * Node 24 require()s ES modules too, so a handler may be CommonJS or ESM.
 */
function loadHandler(path: string): Handler {
  let mod: { default?: unknown; handle?: unknown } | ((...args: unknown[]) => unknown);
  try {
    mod = require(resolve(path));
  } catch (e) {
    throw new CliError(`${path}: cannot load the handler: ${(e as Error).message.split('\n')[0]}`, 2);
  }
  const fn = typeof mod === 'function' ? mod : typeof mod.default === 'function' ? mod.default : mod.handle;
  if (typeof fn !== 'function') throw new CliError(`${path}: export a function (default or "handle") that takes a job and returns { code, tokensUsed }`, 2);
  return fn as Handler;
}

/**
 * codeobit worker --handler FILE [--concurrency N] [--lease S] [--languages a,b] [--worker-id ID] [--grace S] [--progress S]
 * Takes work from the gateway at CODEOBIT_URL with the WORKER key in CODEOBIT_API_KEY
 * (an environment variable, so it never shows in a process list) and runs the handler
 * on it until SIGTERM or SIGINT: then it claims nothing more, lets running handlers
 * finish for --grace seconds and gives back what is still running.
 */
export async function workerCommand(io: CliIO, opts: WorkerCommandOptions, signals: NodeJS.EventEmitter = process): Promise<void> {
  if (!opts.handler) throw new CliError('worker needs --handler FILE (a module exporting async (job) => ({ code, tokensUsed }))', 2);
  const key = io.env.CODEOBIT_API_KEY;
  if (!key) throw new CliError('worker needs CODEOBIT_API_KEY: the API key of a user with the WORKER role', 2);
  const url = opts.url ?? io.env.CODEOBIT_URL ?? 'http://localhost:4000/graphql';
  const concurrency = whole('concurrency', opts.concurrency, 1, 1, 100);
  const leaseSeconds = whole('lease', opts.lease, 60, 3, 3600);
  const graceMs = whole('grace', opts.grace, 30, 0, 3600) * 1000;
  const progressMs = whole('progress', opts.progress, 5, 1, 3600) * 1000;
  const workerId = opts.workerId ?? `${hostname()}/${process.pid}`;
  const handler = loadHandler(opts.handler);
  const languages = opts.languages
    ?.split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  const worker = new Worker(new QueueClient(url, key, workerId), handler, { concurrency, leaseSeconds, languages, idleMs: 1000, graceMs, log: (l) => io.err(`worker ${workerId}: ${l}`) });
  const started = Date.now();
  const progress = () => {
    const c = worker.counts;
    const seconds = (Date.now() - started) / 1000;
    io.err(
      `worker ${workerId}: running ${worker.active}/${concurrency}, completed ${c.completed}, failed ${c.failed}, lease lost ${c.leaseLost}, released ${c.released}, ${(c.completed / Math.max(seconds, 1)).toFixed(2)} jobs/s`,
    );
  };
  const timer = setInterval(progress, progressMs);
  const stop = (signal: string) => {
    io.err(`worker ${workerId}: ${signal}: finishing running work (up to ${graceMs / 1000} s), claiming nothing more`);
    worker.stop();
  };
  signals.once('SIGTERM', () => stop('SIGTERM'));
  signals.once('SIGINT', () => stop('SIGINT'));
  io.err(`worker ${workerId}: taking work from ${url} (concurrency ${concurrency}, lease ${leaseSeconds} s${languages?.length ? `, languages ${languages.join(',')}` : ''})`);
  try {
    await worker.run();
  } finally {
    clearInterval(timer);
    progress();
  }
}
