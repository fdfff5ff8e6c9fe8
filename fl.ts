import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { nearLimitQuery } from './test/support/flood';
import { main as cli } from './src/cli/main';
(async () => {
  const dir = mkdtempSync('/tmp/flood-');
  const env = { ...process.env, DATABASE_URL: `${dir}/db.sqlite3`, PORT: '4601', HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', GRAPHQL_EXECUTOR: process.env.EXEC ?? 'jit' };
  const child = spawn(process.execPath, [...(process.env.HEAP ? ['--max-old-space-size=' + process.env.HEAP] : []), 'dist/src/main.js'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  await new Promise((r) => setTimeout(r, 12000));
  const out: string[] = [];
  await cli(['user', 'create', '--username', 'root', '--email', 'r@example.com', '--admin', '--json'], { out: (l) => out.push(l), err: console.error, isTTY: false, env: { DATABASE_URL: env.DATABASE_URL } });
  const key = JSON.parse(out[0]).apiKey;
  const rss = () => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024);
  console.log('start rss', rss());
  const N = Number(process.env.N ?? 2000);
  let errors = 0;
  for (let i = 0; i < N; i += 4) {
    await Promise.all([0, 1, 2, 3].map(async (j) => {
      const res = await fetch('http://127.0.0.1:4601/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: nearLimitQuery(i + j) }) }).catch(() => null);
      if (!res || res.status !== 200) errors++;
      else { const t = await res.text(); if (t.includes('errors')) { errors++; if (errors < 3) console.log(t.slice(0, 300)); } }
    }));
    if (i % 200 === 0) console.log(i, 'rss', rss(), 'errors', errors);
  }
  console.log('end rss', rss(), 'errors', errors);
  console.log((await (await fetch('http://127.0.0.1:4601/metrics')).text()).split('\n').filter((l) => /^(nodejs|process)/.test(l)).join('\n'));
  child.kill('SIGTERM');
})();
