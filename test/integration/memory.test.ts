import 'reflect-metadata';
import { freshDatabase, selectedBackends } from '../support/backends';
import { cliOk } from '../support/cli';
import { nearLimitQuery } from '../support/flood';
import { startServerProcess } from '../support/server-process';

/**
 * The memory bound the README gives: a flood of distinct, valid operations
 * near every limit (each new to the parse, validation and execution caches)
 * leaves the built server, started as `npm start` starts it, under 400 MB RSS.
 */
const BOUND_MB = 400;
const COUNT = Number(process.env.FLOOD_OPERATIONS ?? 2000);

describe.each(selectedBackends())('memory under a flood of distinct operations on %s', (backend) => {
  it(`stays under ${BOUND_MB} MB RSS over ${COUNT} distinct near-limit operations`, async () => {
    const db = freshDatabase(backend);
    const server = startServerProcess({ DB_DRIVER: backend, DATABASE_URL: db.databaseUrl, AUTO_MIGRATE: 'true', RATE_LIMIT_PER_MINUTE: '0' });
    try {
      const url = await server.ready();
      const key = JSON.parse((await cliOk(db, 'user', 'create', '--username', 'root', '--email', 'root@example.com', '--admin', '--json')).out).apiKey;
      let peak = server.rssMb();
      const failures: string[] = [];
      let next = 0;
      const worker = async () => {
        while (next < COUNT) {
          const i = next++;
          const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: nearLimitQuery(i) }) });
          const text = await res.text();
          if (res.status !== 200 || text.includes('"errors"')) failures.push(`${i}: ${res.status} ${text.slice(0, 200)}`);
          if (i % 50 === 0) peak = Math.max(peak, server.rssMb());
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
      peak = Math.max(peak, server.rssMb());
      process.stdout.write(`\nflood on ${backend}: ${COUNT} distinct operations, peak RSS ${peak.toFixed(0)} MB (bound ${BOUND_MB} MB)\n`);
      expect(failures).toEqual([]);
      expect(peak).toBeLessThan(BOUND_MB);
      expect((await fetch(url.replace('/graphql', '/healthz'))).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      db.dispose();
    }
  });
});
