import { JsonType, ReferenceKind, type EntityManager, type EntityMetadata } from '@mikro-orm/core';
import { sqlReaderOf, type ReadPlan } from './sql-read';
import { HELD, type ReadScope } from './read-scope';

export type { ReadPlan };

type EntityClass<T> = new (...args: never[]) => T;

/**
 * A row this request already read. Rows read with some columns only (see
 * ReadPlan) are returned only to a caller that names the `fields` it needs and
 * finds them all there; without `fields`, only whole rows.
 */
export function recall<T>(scope: ReadScope, entity: EntityClass<T>, id: string, fields?: readonly string[]): T | undefined {
  const known = scope.rows.get(entity.name)?.get(id);
  const held = known?.[HELD];
  if (!known || held === undefined) return undefined;
  if (held === null || (fields && fields.every((f) => held.has(f)))) return known as T;
  return undefined;
}

function remember(scope: ReadScope, entity: EntityClass<object>, id: string, row: { [HELD]?: ReadonlySet<string> | null }, fields: ReadonlySet<string> | null): void {
  let remembered = scope.rows.get(entity.name);
  if (!remembered) scope.rows.set(entity.name, (remembered = new Map()));
  row[HELD] = fields;
  // A partial row never replaces a whole one.
  if (fields !== null && remembered.get(id)?.[HELD] === null) return;
  remembered.set(id, row);
}

/** Per entity (and ORM): the view prototype and which values need converting from what the driver returns. */
interface RowShape {
  view: object;
  /** JSON properties: parsed where the driver hands them back as text (SQLite), kept where it parsed them. */
  jsonText: string[];
  refs: string[];
  dates: string[];
}

const shapes = new WeakMap<object, Map<string, RowShape>>();

function shapeOf(root: EntityManager, entity: EntityClass<object>): RowShape {
  const driver = root.getDriver();
  let byName = shapes.get(driver);
  if (!byName) shapes.set(driver, (byName = new Map()));
  let shape = byName.get(entity.name);
  if (!shape) {
    const meta = root.getMetadata().getByClassName(entity.name);
    const props = Object.values(meta.properties);
    shape = {
      view: viewOf(meta, entity),
      jsonText: props.filter((p) => p.customType instanceof JsonType).map((p) => p.name),
      refs: props.filter((p) => p.kind === ReferenceKind.MANY_TO_ONE).map((p) => p.name),
      dates: props.filter((p) => p.kind === ReferenceKind.SCALAR && p.runtimeType === 'Date').map((p) => p.name),
    };
    byName.set(entity.name, shape);
  }
  return shape;
}

/**
 * Read-only rows without entity hydration (no identity map, change tracking or
 * reference wiring): MikroORM processes `where` exactly as em.find does, the
 * driver runs the query, and each row becomes a plain object shaped like the
 * entity (JSON parsed, many-to-one relations as `{ id }`). About 3× cheaper than
 * em.find for a page of 50; used for GraphQL reads, never for rows a mutation changes.
 */
export async function lightFind<T extends object>(
  scope: ReadScope,
  entity: EntityClass<T>,
  where: object,
  options: { orderBy?: Record<string, 'asc' | 'desc'>; limit?: number } & ReadPlan = {},
): Promise<T[]> {
  // SQL reads the compiler understands skip MikroORM's query building (see sql-read.ts).
  const root = scope.root;
  const reader = sqlReaderOf(root.getDriver());
  if (reader && !scope.existingEm?.getTransactionContext()) {
    const joins = options.joins ?? [];
    const meta = root.getMetadata().getByClassName(entity.name);
    const targets = joins.map((j) => meta.properties[j.prop as never].targetMeta!.class as EntityClass<object>);
    const own = shapeOf(root, entity as EntityClass<object>);
    const theirs = targets.map((t) => shapeOf(root, t));
    const rows = await reader.find(entity.name, where as Record<string, unknown>, { ...options, prototypes: [own.view, ...theirs.map((t) => t.view)] });
    if (rows) {
      const joinedFields = joins.map((j) => (j.fields ? new Set(j.fields) : null));
      const fields = options.fields ? new Set(options.fields) : null;
      return rows.map(([row, ...joined]) => {
        // Joined rows are remembered for the request: their resolvers answer without a query.
        for (let i = 0; i < joined.length; i++) {
          if (!joined[i]) continue;
          // The relation holds the joined row itself (it has the id, as a reference would).
          row![joins[i].prop] = finish(scope, targets[i], theirs[i], joined[i]!, joinedFields[i]);
        }
        return finish(scope, entity as EntityClass<object>, own, row!, fields) as T;
      });
    }
  }
  const em = scope.em;
  const inner = em as unknown as {
    processWhere(name: string, where: object, options: object, type: 'read'): Promise<object>;
    getDriver(): { find(name: string, where: object, options: object): Promise<Record<string, unknown>[]> };
    getTransactionContext(): unknown;
  };
  const processed = await inner.processWhere(entity.name, where, {}, 'read');
  const rows = await inner.getDriver().find(entity.name, processed, {
    ctx: inner.getTransactionContext(),
    em,
    orderBy: options.orderBy ?? {},
    limit: options.limit,
    populate: [],
    populateWhere: 'all',
  });
  return rows.map((row) => lightRow(scope, entity, row));
}

const views = new WeakMap<EntityMetadata, object>();

/**
 * A prototype under the entity's that holds a writable data property for each
 * entity property. MikroORM puts accessors on the entity prototype (to wire
 * references on assignment); with these in between, plain assignment makes own
 * data properties, which is much cheaper than defineProperty per field.
 */
function viewOf(meta: EntityMetadata, entity: EntityClass<object>): object {
  let view = views.get(meta);
  if (!view) {
    view = Object.create(entity.prototype) as object;
    for (const name of Object.keys(meta.properties)) Object.defineProperty(view, name, { value: undefined, writable: true, enumerable: false, configurable: true });
    views.set(meta, view);
  }
  return view;
}

/** Shapes one row of driver data (property names, driver types) like the entity, and remembers it for this request. */
export function lightRow<T extends object>(scope: ReadScope, entity: EntityClass<T>, row: Record<string, unknown>, fields: ReadonlySet<string> | null = null): T {
  const shape = shapeOf(scope.root, entity as EntityClass<object>);
  // An instance of the entity class (so type-graphql takes it as is) whose fields are
  // plain own properties: the view prototype shadows MikroORM's accessors (see viewOf).
  const instance = Object.create(shape.view) as Record<string, unknown>;
  for (const key in row) instance[key] = row[key];
  return finish(scope, entity as EntityClass<object>, shape, instance, fields) as T;
}

/** The prototype rows of `entity` are created from (see viewOf); pass rows made from it to adoptRow. */
export function rowPrototype(scope: ReadScope, entity: EntityClass<object>): object {
  return shapeOf(scope.root, entity).view;
}

/** A row created from rowPrototype and filled with driver values, finished and remembered (see finish). */
export function adoptRow<T extends object>(scope: ReadScope, entity: EntityClass<T>, row: Record<string, unknown>, fields: ReadonlySet<string> | null = null): T {
  return finish(scope, entity as EntityClass<object>, shapeOf(scope.root, entity as EntityClass<object>), row, fields) as T;
}

/**
 * Converts a row's driver values in place and remembers it: SQLite hands JSON
 * back as text and dates as epoch milliseconds (MikroORM's choice); relations
 * become `{ id }`. A value that is not valid JSON stays as it is, so only that
 * field fails (as with MikroORM's own parsing).
 */
function finish(scope: ReadScope, entity: EntityClass<object>, shape: RowShape, row: Record<string, unknown>, fields: ReadonlySet<string> | null): object {
  for (const p of shape.jsonText) if (typeof row[p] === 'string') row[p] = parseJsonSafe(row[p] as string);
  for (const p of shape.dates) {
    const v = row[p];
    if (typeof v === 'number') row[p] = new Date(v);
    else if (typeof v === 'string') row[p] = new Date(/^\d+$/.test(v) ? Number(v) : v);
  }
  for (const p of shape.refs) if (row[p] != null && typeof row[p] !== 'object') row[p] = { id: String(row[p]) };
  remember(scope, entity, String(row.id), row, fields);
  return row;
}

/** Driver data (property names, converted values) from a raw database row or document. */
export function fromRaw(em: EntityManager, entity: EntityClass<object>, raw: Record<string, unknown>): Record<string, unknown> {
  const driver = em.getDriver() as unknown as { mapResult(raw: object, meta: EntityMetadata): Record<string, unknown> };
  return driver.mapResult(raw, em.getMetadata().getByClassName(entity.name));
}

function parseJsonSafe(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
