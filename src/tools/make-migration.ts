import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DriverName } from '../config';
import { migrateUp } from '../db/migrate';
import { initORM } from '../db/orm';

/**
 * Generates the next SQL migration for one dialect from the entities, by applying
 * every committed migration to an empty database and diffing against it.
 * Usage: make-migration sqlite | make-migration postgresql <empty-database-url> [name]
 */
const MIGRATIONS = resolve(__dirname, '../../migrations');

async function main() {
  const [driver, url] = process.argv.slice(2) as [DriverName, string | undefined];
  const tmp = mkdtempSync(join(tmpdir(), 'codeobit-mig-'));
  // The empty database to diff against: the URL given (PostgreSQL), else a scratch file (SQLite).
  const databaseUrl = url || join(tmp, 'db.sqlite3');
  const orm = await initORM({ driver, databaseUrl }, {
    migrations: { path: join(MIGRATIONS, driver), pathTs: join(MIGRATIONS, driver), emit: 'ts', snapshot: false },
  } as never);
  try {
    await migrateUp(orm);
    // MikroORM 7 names it create() (6: createMigration()).
    const created = await (orm.migrator as unknown as { create(path?: string, blank?: boolean, initial?: boolean, name?: string): Promise<{ fileName: string; diff: { up: string[] } }> }).create(
      undefined,
      false,
      false,
      process.argv[4],
    );
    if (!created.diff.up.length) console.log(`${driver}: no changes`);
    else {
      console.log(`${driver}: wrote ${created.fileName}; add a down() if it has none, then list it in migrations/${driver}/index.ts`);
    }
  } finally {
    await orm.close(true);
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
