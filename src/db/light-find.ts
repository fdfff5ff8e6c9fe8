import { JsonType, ReferenceKind, type EntityManager, type EntityMetadata } from '@mikro-orm/core';
import type { ReadPlan } from './backend/backend';
import { HELD, type ReadScope } from './read-scope';

export type { ReadPlan };

type EntityClass<T> = new (...args: never[]) => T;

/**
 * A row a request read: the stored properties its read plan named (always
 * `id` and the to-one keys), as plain values; any other may be absent. Not an
 * entity: no collections, no ORM state, never persisted. Services hand these
 * to resolvers, which read only what the selection asked for.
 */
export type ReadRow<T extends { id: string }> = Pick<T, 'id'> & { readonly [K in RefKeys<T>]: T[K] extends { id: string } ? ReadRow<T[K]> : never } & {
  readonly [K in Exclude<keyof T, 'id' | RefKeys<T>>]?: T[K];
};

/** The to-one relations of T (always read: resolvers and access checks follow them). */
type RefKeys<T> = { [K in keyof T]-?: T[K] extends { id: string } ? K : never }[keyof T];

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

type FindOptions = { orderBy?: Record<string, 'asc' | 'desc'>; limit?: number };

/**
 * Read-only rows without entity hydration (no identity map, change tracking or
 * reference wiring), read by the backend (see Backend.find) with only the
 * planned columns: each row a plain object shaped like the entity (JSON
 * parsed, many-to-one relations as `{ id }`, or the joined row itself); whole
 * rows (every stored property) without a plan, else ReadRows. Used for
 * GraphQL reads, never for rows a mutation changes.
 */
export async function lightFind<T extends { id: string }>(scope: ReadScope, entity: EntityClass<T>, where: object, options?: FindOptions & { fields?: undefined; joins?: undefined }): Promise<T[]>;
export async function lightFind<T extends { id: string }>(scope: ReadScope, entity: EntityClass<T>, where: object, options: FindOptions & ReadPlan): Promise<ReadRow<T>[]>;
export async function lightFind<T extends { id: string }>(scope: ReadScope, entity: EntityClass<T>, where: object, options: FindOptions & ReadPlan = {}): Promise<ReadRow<T>[]> {
  const root = scope.root;
  const joins = options.joins ?? [];
  const meta = root.getMetadata().getByClassName(entity.name);
  const targets = joins.map((j) => meta.properties[j.prop as never].targetMeta!.class as EntityClass<object>);
  const own = shapeOf(root, entity as EntityClass<object>);
  const theirs = targets.map((t) => shapeOf(root, t));
  const transaction = scope.existingEm?.getTransactionContext() ? scope.existingEm : undefined;
  const rows = await scope.backend.find({
    ...options,
    entity: entity.name,
    where: where as Record<string, unknown>,
    prototypes: [own.view, ...theirs.map((t) => t.view)],
    transaction,
  });
  const joinedFields = joins.map((j) => (j.fields ? new Set(j.fields) : null));
  const fields = options.fields ? new Set(options.fields) : null;
  return rows.map(([row, ...joined]) => {
    // Joined rows are remembered for the request: their resolvers answer without a query.
    for (let i = 0; i < joined.length; i++) {
      if (!joined[i]) continue;
      // The relation holds the joined row itself (it has the id, as a reference would).
      row[joins[i].prop] = finish(scope, targets[i], theirs[i], joined[i]!, joinedFields[i]);
    }
    return finish(scope, entity as EntityClass<object>, own, row, fields) as ReadRow<T>;
  });
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
  convert(shape, row);
  remember(scope, entity, String(row.id), row, fields);
  return row;
}

function convert(shape: RowShape, row: Record<string, unknown>): void {
  for (const p of shape.jsonText) row[p] = driverJson(row[p]);
  for (const p of shape.dates) row[p] = driverDate(row[p]);
  for (const p of shape.refs) if (row[p] != null && typeof row[p] !== 'object') row[p] = { id: String(row[p]) };
}

/** A date as a driver returns it (epoch milliseconds, as a number or text, or ISO text) as a Date; anything else as it is. */
export function driverDate(v: unknown): unknown {
  if (typeof v === 'number') return new Date(v);
  if (typeof v === 'string') return new Date(/^\d+$/.test(v) ? Number(v) : v);
  return v;
}

/** A JSON value a driver handed back as text (SQLite), parsed; parsed ones, and text that is not JSON, as they are. */
export function driverJson(v: unknown): unknown {
  return typeof v === 'string' ? parseJsonSafe(v) : v;
}

/**
 * A row created from rowPrototype and filled with driver values, converted
 * like adoptRow's but not remembered: rows of a compiled tree carry their
 * relations with them (see tree-result.ts), so nothing recalls them by id.
 */
export function convertRow<T extends object>(scope: ReadScope, entity: EntityClass<T>, row: Record<string, unknown>): T {
  convert(shapeOf(scope.root, entity as EntityClass<object>), row);
  return row as T;
}

function parseJsonSafe(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
