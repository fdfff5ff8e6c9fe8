import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { selectedBackends } from '../support/backends';
import { createPgDatabase, type PgCluster, pgBin, startPostgres, startReplica } from '../support/postgres';
import { TestServer } from '../support/server';

/**
 * PostgreSQL read replicas (DATABASE_READ_URLS) against a real streaming
 * replica made with pg_basebackup. Replay on the replica is paused, so what it
 * answers shows where each read went: queries read the replica; a mutation and
 * its own selection read the primary; a caller who just wrote reads the primary
 * for REPLICA_STICKY_MS (their own write is there at once); after that, the
 * replica again, and once replay resumes, it has caught up.
 */
const onPostgres = selectedBackends().includes('postgresql') ? describe : describe.skip;

onPostgres('read replicas on postgresql', () => {
  let primary: PgCluster;
  let replica: PgCluster;
  let server: TestServer;
  let bob: TestServer;
  let bobId: string;
  const sql = (url: string, statement: string) => execFileSync(join(pgBin(), 'psql'), [url, '-AtXqc', statement], { encoding: 'utf8' }).trim();
  const database = (cluster: PgCluster) => `${cluster.url.replace(/\/postgres$/, '')}/gateway`;

  /** Waits until the replica has replayed everything the primary has written so far. */
  const caughtUp = async () => {
    const lsn = sql(primary.url, 'select pg_current_wal_lsn()');
    for (let i = 0; i < 200; i++) {
      if (sql(replica.url, `select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn`) === 't') return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the replica did not catch up');
  };
  const gql = async <T = Record<string, any>>(as: TestServer, query: string, variables: Record<string, unknown> = {}) => {
    const res = await as.raw<T>({ query, variables });
    if (res.errors?.length || !res.data) throw new Error(`failed: ${JSON.stringify(res.errors)}`);
    return res.data;
  };
  const bobsProjects = async () => (await gql(bob, `{ projects(orderBy: { field: NAME }) { totalCount edges { node { name } } } }`)).projects;

  beforeAll(async () => {
    primary = await startPostgres();
    createPgDatabase(primary.url, 'gateway');
    replica = await startReplica(primary.url);
    server = await TestServer.start('postgresql', { DATABASE_READ_URLS: database(replica), REPLICA_STICKY_MS: '1500', RATE_LIMIT_PER_MINUTE: '0' }, database(primary));
    const made = (await gql(server, `mutation { createUser(input: { username: "bob", email: "bob@example.com" }) { user { id } apiKey } }`)).createUser;
    bob = server.as(made.apiKey);
    bobId = made.user.id;
    await caughtUp();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    replica?.stop();
    primary?.stop();
  });

  it('reads queries from the replica, and a caller’s own writes from the primary', async () => {
    expect(await bobsProjects()).toEqual({ totalCount: 0, edges: [] });
    sql(replica.url, 'select pg_wal_replay_pause()');

    // Someone else's write is not on the (paused) replica: bob's query cannot see it.
    await gql(server, `mutation($o: ID!) { createProject(input: { name: "from admin", ownerId: $o }) { id } }`, { o: bobId });
    expect(await bobsProjects()).toEqual({ totalCount: 0, edges: [] });

    // Bob's own write: the mutation's selection reads the primary, and so do his queries right after it.
    const created = await gql(bob, `mutation { createProject(input: { name: "mine" }) { name owner { username } } }`);
    expect(created.createProject).toEqual({ name: 'mine', owner: { username: 'bob' } });
    const both = { totalCount: 2, edges: [{ node: { name: 'from admin' } }, { node: { name: 'mine' } }] };
    expect(await bobsProjects()).toEqual(both);

    // Past REPLICA_STICKY_MS he reads the replica again, which has not replayed either write.
    await new Promise((r) => setTimeout(r, 1700));
    expect(await bobsProjects()).toEqual({ totalCount: 0, edges: [] });

    sql(replica.url, 'select pg_wal_replay_resume()');
    await caughtUp();
    expect(await bobsProjects()).toEqual(both);
  });
});
