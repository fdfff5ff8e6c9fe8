import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import type { BulkSink } from '../../backup/bulk-sink';
import type { EntityCodec } from '../../backup/format';

/**
 * Rows per INSERT: as many as the bound-parameter limit allows (SQLite 32766,
 * PostgreSQL 65535), capped so one statement stays a few MB at most.
 */
const rowsPerInsert = (codec: EntityCodec, maxParams: number) => Math.max(1, Math.min(2000, Math.floor(maxParams / codec.fields.length)));

/**
 * Writes everything `fill` produces all or nothing, replacing what is there when
 * `replace` is set: one transaction around the deletes and every insert.
 * `sqlite`: SQLite's multi-row INSERTs (else PostgreSQL's COPY).
 */
export async function sqlBulkLoad(orm: MikroORM, sqlite: boolean, all: EntityCodec[], replace: boolean, fill: (sink: BulkSink) => Promise<void>): Promise<void> {
  const platform = orm.em.getPlatform();
  const values = { date: (d: Date) => platform.processDateProperty(d), jsonAsText: true };
  const maxParams = sqlite ? 32_000 : 65_000;
  const conn2 = orm.em.getConnection() as unknown as { execute(sql: string): Promise<unknown> };
  // A bulk load gains little from the server's 64 MiB page cache; 16 MiB keeps the CLI's memory low.
  if (sqlite) await conn2.execute('PRAGMA cache_size = -32768');
  try {
    await bulkSql(orm, sqlite, all, replace, fill, platform, values, maxParams);
  } finally {
    if (sqlite) await conn2.execute('PRAGMA cache_size = -65536');
  }
}

async function bulkSql(
  orm: MikroORM,
  sqlite: boolean,
  all: EntityCodec[],
  replace: boolean,
  fill: (sink: BulkSink) => Promise<void>,
  platform: ReturnType<MikroORM['em']['getPlatform']>,
  values: { date(d: Date): unknown; jsonAsText: boolean },
  maxParams: number,
): Promise<void> {
  await orm.em.fork().transactional(async (em: EntityManager) => {
    if (replace) for (const codec of [...all].reverse()) await em.nativeDelete(codec.entity, {});
    // Secondary indexes are dropped for the load and rebuilt once at the end (inside the
    // same transaction): one sorted build is much cheaper than 140k random index updates.
    const indexes = await secondaryIndexes(
      em,
      sqlite,
      all.map((c) => c.meta.tableName),
    );
    for (const ix of indexes) await sqlEm(em).execute(`drop index ${platform.quoteIdentifier(ix.name)}`);
    // Raw multi-row INSERTs on the transaction's connection: no entity hydration or change tracking.
    const trx = em.getTransactionContext<Knex.Transaction>()!;
    // One INSERT in flight while the next batch is prepared: the database works
    // (SQLite on libuv's thread pool, PostgreSQL over the socket) while JS parses.
    let inFlight: Promise<unknown> = Promise.resolve();
    await fill({
      async insert(codec, rows) {
        const columns = codec.fields.map((f) => f.column);
        if (!sqlite) {
          // PostgreSQL: COPY ... FROM STDIN, several times faster than multi-row INSERTs.
          await inFlight;
          inFlight = copyInto(
            trx,
            codec.meta.tableName,
            columns,
            rows.map((r) => codec.toStored(r, values)),
          );
          inFlight.catch(() => undefined);
          return;
        }
        const step = rowsPerInsert(codec, maxParams);
        const head = `insert into ${platform.quoteIdentifier(codec.meta.tableName)} (${columns.map((c) => platform.quoteIdentifier(c)).join(', ')}) values `;
        const tuple = `(${columns.map(() => '?').join(', ')})`;
        for (let i = 0; i < rows.length; i += step) {
          const batch = rows.slice(i, i + step);
          const bindings: unknown[] = [];
          for (const row of batch) {
            const stored = codec.toStored(row, values);
            for (const c of columns) bindings.push(stored[c]);
          }
          // One multi-row VALUES statement (knex's SQLite dialect would emit a slower UNION ALL chain).
          await inFlight;
          // Promise.resolve: a knex query is a thenable that runs again on every then().
          inFlight = Promise.resolve(trx.raw(head + Array(batch.length).fill(tuple).join(', '), bindings as Knex.RawBinding[]));
          inFlight.catch(() => undefined); // observed by the next await; avoids an unhandled rejection meanwhile
        }
      },
    });
    await inFlight;
    for (const ix of indexes) await sqlEm(em).execute(ix.sql);
  });
}

/** Plain (non-unique, non-primary) indexes of the given tables, with the DDL that recreates them. */
async function secondaryIndexes(em: EntityManager, sqlite: boolean, tables: string[]): Promise<{ name: string; sql: string }[]> {
  const conn = sqlEm(em);
  const list = tables.map((t) => `'${t.replace(/'/g, "''")}'`).join(', ');
  const rows: { name: string; sql: string }[] = sqlite
    ? await conn.execute(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${list})`)
    : await conn.execute(`select indexname as name, indexdef as sql from pg_indexes where schemaname = current_schema() and tablename in (${list})`);
  return rows.filter((r) => !/^create unique index/i.test(r.sql));
}

/** The SQL entity manager's execute() runs inside the current transaction (the pool may hold one connection). */
const sqlEm = (em: EntityManager) => em as unknown as { execute(sql: string): Promise<{ name: string; sql: string }[]> };

/** CSV field for COPY: NULL unquoted and empty, everything else quoted with doubled quotes. */
function csv(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return '"' + text.replace(/"/g, '""') + '"';
}

/** Streams rows into `table` with COPY FROM STDIN on the transaction's own connection. */
async function copyInto(trx: Knex.Transaction, table: string, columns: string[], rows: Record<string, unknown>[]): Promise<void> {
  const connection = (await (trx as unknown as { client: { acquireConnection(): Promise<PgClient> } }).client.acquireConnection()) as PgClient;
  const quote = (name: string) => '"' + name.replace(/"/g, '""') + '"';
  const stream = connection.query(copyFrom(`COPY ${quote(table)} (${columns.map(quote).join(', ')}) FROM STDIN WITH (FORMAT csv)`));
  const body = rows.map((row) => columns.map((c) => csv(row[c])).join(',')).join('\n') + '\n';
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    stream.end(body);
  });
}

type PgClient = { query(stream: NodeJS.WritableStream): NodeJS.WritableStream };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { from: copyFrom } = require('pg-copy-streams') as { from(sql: string): NodeJS.WritableStream };
