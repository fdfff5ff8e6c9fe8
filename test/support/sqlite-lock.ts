type SqliteDatabase = { exec(sql: string): void; close(): void };
const Database = require('better-sqlite3') as new (file: string, options: { timeout: number }) => SqliteDatabase;

/** Another connection holding the SQLite file's write lock (BEGIN EXCLUSIVE) until release(): what a long migration or restore does to the server. */
export async function holdSqliteWriteLock(file: string): Promise<{ release(): Promise<void> }> {
  const db = new Database(file, { timeout: 10_000 });
  db.exec('BEGIN EXCLUSIVE');
  return {
    release: async () => {
      db.exec('COMMIT');
      db.close();
    },
  };
}
