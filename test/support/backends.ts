import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { DRIVERS, type DriverName } from '../../src/config';
import { createPgDatabase } from './postgres';

/**
 * Which backends this run covers: all three unless TEST_BACKENDS names a subset.
 * Excluding one is explicit; a selected backend that cannot start fails the run.
 */
export function selectedBackends(env = process.env): DriverName[] {
  const raw = env.TEST_BACKENDS?.trim();
  if (!raw) return [...DRIVERS];
  const names = raw
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = names.filter((n) => !(DRIVERS as readonly string[]).includes(n));
  if (bad.length || !names.length) {
    throw new Error(`TEST_BACKENDS="${raw}": unknown backend ${bad.join(', ')}; use a comma-separated subset of ${DRIVERS.join(',')}`);
  }
  return names as DriverName[];
}

/**
 * The servers a suite about reads runs on, as [label, driver, MongoDB server]:
 * each selected backend on its test server and, when the run started one,
 * MongoDB once more on the server with $lookup (mongo-java-server, see
 * global-setup.ts), where MongoDB reads are compiled.
 */
export function readTargets(): [string, DriverName, string | undefined][] {
  const lookups = process.env.TEST_MONGO_LOOKUP_URL;
  return selectedBackends().flatMap((b): [string, DriverName, string | undefined][] =>
    b === 'mongodb' && lookups
      ? [
          [b, b, undefined],
          ['mongodb on mongo-java-server', b, lookups],
        ]
      : [[b, b, undefined]],
  );
}

/** Whether the MongoDB server at `url` runs $lookup with an inner pipeline: asked here directly, to know what to expect of the gateway. */
export async function serverHasLookups(url: string): Promise<boolean> {
  const client = await MongoClient.connect(url);
  try {
    const probe = client.db().collection('users');
    await probe.aggregate([{ $limit: 1 }, { $lookup: { from: 'users', let: { v: '$_id' }, pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$v'] } } }], as: 'x' } }]).toArray();
    return true;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}

export interface TestDatabase {
  driver: DriverName;
  databaseUrl: string;
  /** Removes what provisioning made (SQLite files); server databases are thrown away with their cluster. */
  dispose(): void;
}

/** A new, empty database on `driver` (on `mongoServer` when given), isolated from every other test file. */
export function freshDatabase(driver: DriverName, mongoServer?: string): TestDatabase {
  const name = `t_${randomBytes(6).toString('hex')}`;
  switch (driver) {
    case 'sqlite': {
      const dir = mkdtempSync(join(tmpdir(), 'codeobit-sqlite-'));
      return { driver, databaseUrl: join(dir, 'test.sqlite3'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
    }
    case 'postgresql': {
      const server = required('TEST_POSTGRES_URL', driver);
      return { driver, databaseUrl: createPgDatabase(server, name), dispose: () => undefined };
    }
    case 'mongodb': {
      const server = new URL(mongoServer ?? required('TEST_MONGO_URL', driver));
      server.pathname = `/${name}`;
      return { driver, databaseUrl: server.toString(), dispose: () => undefined };
    }
  }
}

function required(variable: string, driver: DriverName): string {
  const value = process.env[variable];
  if (!value) throw new Error(`${variable} is not set: the jest global setup did not start ${driver}`);
  return value;
}
