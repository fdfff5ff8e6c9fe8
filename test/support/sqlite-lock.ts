import sqlite3 from 'sqlite3';

/** Another connection holding the SQLite file's write lock (BEGIN EXCLUSIVE) until release(): what a long migration or restore does to the server. */
export async function holdSqliteWriteLock(file: string): Promise<{ release(): Promise<void> }> {
  const db = new sqlite3.Database(file);
  const run = (sql: string) => new Promise<void>((ok, fail) => db.exec(sql, (err) => (err ? fail(err) : ok())));
  await run('PRAGMA busy_timeout = 10000; BEGIN EXCLUSIVE');
  return {
    release: async () => {
      await run('COMMIT');
      await new Promise<void>((ok) => db.close(() => ok()));
    },
  };
}
