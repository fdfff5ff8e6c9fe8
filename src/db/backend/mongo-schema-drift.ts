import type { EntityMetadata, MikroORM } from '@mikro-orm/core';
import type { Db } from 'mongodb';

/** On MongoDB the schema is the indexes: every index the entities declare must exist with the same keys. */
export async function mongoSchemaDrift(orm: MikroORM, db: Db): Promise<string[]> {
  const problems: string[] = [];
  for (const meta of orm.getMetadata().getAll().values() as Iterable<EntityMetadata>) {
    if (meta.abstract || meta.embeddable) continue;
    const expected = expectedMongoIndexes(meta);
    const actual = await db
      .collection(meta.collection)
      .indexes()
      .catch(() => null);
    if (!actual) {
      problems.push(`collection ${meta.collection} is missing`);
      continue;
    }
    const have = new Set(actual.map((i) => JSON.stringify(i.key) + (i.unique ? '!' : '')));
    for (const e of expected) if (!have.has(e)) problems.push(`${meta.collection}: missing index ${e}`);
  }
  return problems;
}

function expectedMongoIndexes(meta: EntityMetadata): string[] {
  const field = (p: string) => meta.properties[p]?.fieldNames?.[0] ?? p;
  // Descending columns (an index's `columns`, listed in the order of its properties) are -1.
  const key = (props: string[], columns?: { sort?: string }[]) => JSON.stringify(Object.fromEntries(props.map((p, k) => [field(p), columns?.[k]?.sort?.toLowerCase() === 'desc' ? -1 : 1])));
  const list = (v: unknown) => (Array.isArray(v) ? v : [v]) as string[];
  const out: string[] = [];
  for (const i of meta.indexes) if (i.properties) out.push(key(list(i.properties), (i as { columns?: { sort?: string }[] }).columns));
  for (const u of meta.uniques) if (u.properties) out.push(key(list(u.properties)) + '!');
  for (const p of Object.values(meta.properties)) {
    if (p.unique) out.push(key([p.name]) + '!');
    else if (p.index) out.push(key([p.name]));
  }
  return out;
}
