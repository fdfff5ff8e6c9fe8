import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import { createApp, type App } from '../../src/app';
import { loadConfig, type DriverName } from '../../src/config';
import { createLogger } from '../../src/logger';
import { freshDatabase, type TestDatabase } from './backends';
import { cli } from './cli';

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: GraphQLFormattedError[];
}

/** A real server on a fresh database, spoken to over HTTP like any client. */
export class TestServer {
  /** The API key requests carry (the admin's, unless as() chose another; null = none). */
  key: string | null = null;
  /** The admin created at start through the CLI (`codeobit user create --admin`). */
  admin!: { id: string; apiKey: string };

  private constructor(
    readonly app: App,
    readonly url: string,
    readonly db: TestDatabase,
    readonly logs: string[],
  ) {}

  /** The same server, spoken to with another API key (or none). */
  as(key: string | null): TestServer {
    const view = Object.create(this) as TestServer;
    view.key = key;
    return view;
  }

  /** Starts a server on a fresh database; `env` overrides settings the way the environment would (e.g. NODE_ENV). */
  /** `databaseUrl`: a database made elsewhere (e.g. on a cluster the test controls) instead of a fresh one. */
  /** `admin`: another server's admin when this one shares its database (the admin exists already). */
  static async start(driver: DriverName, env: Record<string, string> = {}, databaseUrl?: string, admin?: { id: string; apiKey: string }): Promise<TestServer> {
    const db = databaseUrl ? { driver, databaseUrl, dispose: () => undefined } : freshDatabase(driver);
    const logs: string[] = [];
    const logger = createLogger((env.LOG_LEVEL as 'warn' | undefined) ?? 'warn', (line) => logs.push(line));
    const config = loadConfig({ DB_DRIVER: driver, DATABASE_URL: db.databaseUrl, PORT: '0', HOST: '127.0.0.1', AUTO_MIGRATE: 'true', SHUTDOWN_TIMEOUT_MS: '2000', LOG_LEVEL: 'warn', ...env });
    const app = await createApp(config, logger);
    const server = new TestServer(app, await app.listen(), db, logs);
    if (admin) server.admin = admin;
    else {
      const created = await cli(db, 'user', 'create', '--username', 'root', '--email', 'root@example.com', '--admin', '--json');
      if (created.code !== 0) throw new Error(`creating the admin failed: ${created.err}`);
      server.admin = JSON.parse(created.out);
    }
    server.key = server.admin.apiKey;
    return server;
  }

  /** Runs a typed operation; variables are type-checked against the generated types. */
  async request<R, V>(doc: TypedDocumentNode<R, V>, variables?: V): Promise<GraphQLResponse<R>> {
    return this.raw({ query: print(doc), variables });
  }

  /** Posts any JSON body (for malformed and hand-written documents). */
  async raw<R = Record<string, unknown>>(body: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse<R>> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.key ? { authorization: `Bearer ${this.key}` } : {}), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: { data?: R; errors?: GraphQLFormattedError[] } = {};
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`non-JSON answer (${res.status}): ${text.slice(0, 200)}`);
    }
    return { status: res.status, ...json };
  }

  /** The data of a successful operation; fails the test with the errors otherwise. */
  async ok<R, V>(doc: TypedDocumentNode<R, V>, variables?: V): Promise<R> {
    const res = await this.request(doc, variables);
    if (res.errors?.length || !res.data) throw new Error(`operation failed: ${JSON.stringify(res.errors)}`);
    return res.data;
  }

  async stop(): Promise<void> {
    await this.app.stop();
    this.db.dispose();
  }
}

/** The single error of a failed operation, for asserting its code and message. */
export function onlyError(res: GraphQLResponse<unknown>): GraphQLFormattedError {
  if (!res.errors || res.errors.length !== 1) throw new Error(`expected one error, got ${JSON.stringify(res.errors ?? res.data)}`);
  return res.errors[0];
}
