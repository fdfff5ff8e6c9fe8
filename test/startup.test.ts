import 'reflect-metadata';
import { print } from 'graphql';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { loadConfig } from '../src/config';
import { CreateUserDocument, GetUserDocument, ListUsersDocument } from './generated/graphql';
import { freshDatabase, selectedBackends } from './support/backends';
import { onlyError, TestServer } from './support/server';
import { logEvents, readyUrl, SERVER_NODE_FLAGS } from './support/server-process';
import { readFileSync } from 'node:fs';
import { apolloGatewayContextModule, leanGatewayContexts } from '../src/gateway-context';

const MAIN = resolve(__dirname, '../src/main.ts');

/** Runs the real entry point (src/main.ts through ts-node) with the given environment. */
function runMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', MAIN], {
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, exited, stderr: () => stderr };
}

describe('configuration', () => {
  it.each([
    [{ DB_DRIVER: 'oracle' }, 'DB_DRIVER="oracle" is not one of sqlite, postgresql, mongodb'],
    [{ DB_DRIVER: 'postgresql' }, 'DATABASE_URL is required when DB_DRIVER=postgresql'],
    [{ DB_DRIVER: 'mongodb', DATABASE_URL: 'postgres://u:secret@h/db' }, 'DATABASE_URL="postgres://u:****@h/db" has scheme postgres: but DB_DRIVER=mongodb needs mongodb: or mongodb+srv://'],
    [{ PORT: 'eighty' }, 'PORT="eighty" must be an integer between 0 and 65535'],
    [{ INTROSPECTION: 'maybe' }, 'INTROSPECTION="maybe" is not a boolean (use true or false)'],
  ])('refuses %j naming the bad value', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('defaults to SQLite under ./data with migrations on start', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ driver: 'sqlite', port: 4000, autoMigrate: true, introspection: true, production: false });
    expect(config.databaseUrl).toBe(resolve('data/codeobit.sqlite3'));
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
  });

  it('runs the Docker image with the Node flags of npm start', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(resolve(__dirname, '../docker/Dockerfile'), 'utf8'))![1];
    expect(JSON.parse(cmd)).toEqual(['node', ...SERVER_NODE_FLAGS, 'dist/src/main.js']);
    expect(SERVER_NODE_FLAGS).toEqual(['--max-old-space-size=256', '--heap-growing-percent=300']);
  });

  it("builds Apollo's gateway context without a per-request accessor literal, status read and written through", () => {
    expect(leanGatewayContexts()).toEqual({ installed: true });
    const apollo = require(apolloGatewayContextModule());
    const headers = new Map([['accept', 'application/json']]);
    const context = {
      request: { query: '{ a }', variables: { x: 1 }, http: { method: 'POST', search: 'a=1', headers } },
      response: { http: { headers: new Map(), status: undefined as number | undefined } },
      contextValue: { me: 1 },
      queryHash: 'h',
    };
    const made = apollo.makeGatewayGraphQLRequestContext(context, { logger: 'l', cache: 'c' }, { includeStacktraceInErrorResponses: false });
    expect(made).toMatchObject({
      request: { query: '{ a }', variables: { x: 1 }, http: { method: 'POST', url: 'https://unknown-url.invalid/?a=1' } },
      context: { me: 1 },
      queryHash: 'h',
      logger: 'l',
      cache: 'c',
      debug: false,
    });
    expect(made.request.http.headers.get('accept')).toBe('application/json');
    made.response.http.status = 418;
    made.response.http.headers.set('x-a', 'b');
    expect(context.response.http).toEqual({ headers: new Map([['x-a', 'b']]), status: 418 });
    expect(made.response.http.status).toBe(418);
    expect(Object.getOwnPropertyDescriptor(made.response.http, 'status')).toBeUndefined(); // on the class, not the object
  });

  it('stops the real server at start with one line naming the bad setting', async () => {
    const run = runMain({ DB_DRIVER: 'oracle' });
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toBe('codeobit-gateway: invalid configuration: DB_DRIVER="oracle" is not one of sqlite, postgresql, mongodb\n');
  });
});

describe.each(selectedBackends())('server process on %s', (backend) => {
  it('starts, serves, and shuts down gracefully on SIGTERM', async () => {
    const db = freshDatabase(backend);
    const run = runMain({ DB_DRIVER: backend, DATABASE_URL: db.databaseUrl, AUTO_MIGRATE: 'true', LOG_LEVEL: 'info' });
    const url = await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no ready line: ${run.stderr()}`)), 60_000);
      run.child.stderr.on('data', () => {
        const url = readyUrl(run.stderr());
        if (url) {
          clearTimeout(timer);
          ok(url);
        }
      });
    });
    const res = await fetch(url.replace('/graphql', '/readyz'));
    expect(res.status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(logEvents(run.stderr())).toContainEqual(expect.objectContaining({ level: 'info', msg: 'shutting down', signal: 'SIGTERM' }));
    db.dispose();
  });
});

describe.each(selectedBackends())('production mode on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start(backend, { NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('turns introspection and the landing page off', async () => {
    const intro = await server.raw({ query: '{ __schema { queryType { name } } }' });
    expect(onlyError(intro).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const page = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/sandbox|embeddable/i);
  });

  it('answers an internal failure as INTERNAL_SERVER_ERROR with an id, no stack or driver text, and logs it', async () => {
    // Corrupt one row behind the API's back: its preferences become a JSON string, which the schema cannot serve.
    const name = `corrupt${Date.now()}`;
    const { user } = (await server.ok(CreateUserDocument, { input: { username: name, email: `${name}@example.com` } })).createUser;
    await corruptPreferences(server, user.id);
    const res = await server.request(GetUserDocument, { id: user.id });
    const err = onlyError(res);
    expect(err.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(err.message).toMatch(/^Internal server error \(id [0-9a-f-]{36}\)$/);
    expect(Object.keys(err.extensions!).sort()).toEqual(['code', 'errorId']);
    expect(server.logs.some((l) => l.includes(String(err.extensions!.errorId)) && l.includes('stack'))).toBe(true);
    // The id is the request's: the caller's x-request-id when it sent one.
    const traced = await server.raw({ query: print(GetUserDocument), variables: { id: user.id } }, { 'x-request-id': 'trace-internal-1' });
    expect(onlyError(traced).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', errorId: 'trace-internal-1' });
    // The server is still healthy for everything else.
    expect((await server.ok(ListUsersDocument, { first: 1 })).users.edges).toHaveLength(1);
  });
});

async function corruptPreferences(server: TestServer, id: string) {
  const conn = server.app.store.orm.em.getConnection() as unknown as {
    execute?(sql: string, params: unknown[]): Promise<unknown>;
    getCollection?(name: string): { updateOne(f: object, u: object): Promise<unknown> };
  };
  if (conn.getCollection) await conn.getCollection('users').updateOne({ _id: id }, { $set: { preferences: 'oops' } });
  else await conn.execute!('update users set preferences = ? where id = ?', ['"oops"', id]);
}
