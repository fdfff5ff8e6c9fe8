import { ReferenceKind, type EntityMetadata } from '@mikro-orm/core';
import { MongoServerError, type Db, type Document } from 'mongodb';
import { NotCompiled, type RawRow, type TreeList, type TreeNode, type Where } from '../read-tree';
import { toDocumentFilter } from './mongo-filter';
import { isUnavailable } from './db-errors';
import { fromStored } from './stored-rows';

/**
 * A TreeList as one aggregation pipeline over its collection: the page
 * ($match, $sort, $limit, $project), then per row one $lookup for each to-one
 * relation (by key, limit 1) and each nested list (its own page, correlated to
 * the row through a `let` variable and `$expr`, with its lookups inside), and
 * for each nested totalCount a $lookup ending in $count. The root's own count
 * is a second command sent at the same time (see MongoBackend.readTree): a
 * pipeline can carry it only through $facet or $unionWith, and $facet would
 * sort the whole match in memory instead of walking the sort key's index.
 *
 * Only standard stages and operators, in the forms MongoDB 4.4 already takes
 * (`let` + `pipeline`, not 5.0's localField with pipeline), so any server
 * that takes the probe (see probeLookups) runs it.
 */
export class TreePipeline {
  private variables = 0;

  constructor(private readonly metaOf: (name: string) => EntityMetadata) {}

  /** The root list's collection, its pipeline, and the filter its totalCount counts. */
  root(list: TreeList): { collection: string; pipeline: Document[]; countFilter: Document } {
    const meta = this.metaOf(list.entity);
    return { collection: meta.collection, pipeline: this.page(list, meta), countFilter: this.filter(list, meta, undefined, false) };
  }

  /** The stages reading a list's rows with their relations and lists. */
  private page(list: TreeList, meta: EntityMetadata, parent?: string): Document[] {
    if (!Number.isSafeInteger(list.limit) || list.limit < 0) throw new NotCompiled('a page size that is not a whole number');
    // MongoDB refuses $limit 0: no rows, by a condition that matches none.
    if (list.limit === 0) return [{ $match: { _id: { $in: [] } } }];
    const stages: Document[] = [{ $match: this.filter(list, meta, parent, true) }];
    if (list.order.length) stages.push({ $sort: Object.fromEntries(list.order.map(([f, d]) => [this.field(meta, f), d === 'desc' ? -1 : 1])) });
    stages.push({ $limit: list.limit });
    const projection = this.projection(list.node, meta);
    if (projection) stages.push({ $project: projection });
    stages.push(...this.lookups(list.node, meta));
    return stages;
  }

  private lookups(node: TreeNode, meta: EntityMetadata): Document[] {
    const stages: Document[] = [];
    for (const { key, prop, node: child } of node.toOne) {
      const target = this.metaOf(this.targetOf(meta, prop));
      const v = this.variable();
      const pipeline: Document[] = [{ $match: { $expr: { $eq: ['$_id', `$$${v}`] } } }, { $limit: 1 }];
      const projection = this.projection(child, target);
      if (projection) pipeline.push({ $project: projection });
      pipeline.push(...this.lookups(child, target));
      stages.push({ $lookup: { from: target.collection, let: { [v]: `$${this.field(meta, prop)}` }, pipeline, as: `~${key}` } });
    }
    for (const { key, list } of node.lists) {
      const child = this.metaOf(list.entity);
      const v = this.variable();
      stages.push({ $lookup: { from: child.collection, let: { [v]: '$_id' }, pipeline: this.page(list, child, v), as: `~${key}` } });
      if (list.count) {
        const c = this.variable();
        stages.push({ $lookup: { from: child.collection, let: { [c]: '$_id' }, pipeline: [{ $match: this.filter(list, child, c, false) }, { $count: 'n' }], as: `#${key}` } });
      }
    }
    return stages;
  }

  /** The list's conditions over stored fields: its own, its parent's key (through `parent`), and its cursor when `keyset`. */
  private filter(list: TreeList, meta: EntityMetadata, parent: string | undefined, keyset: boolean): Document {
    const parts: Where[] = [list.where];
    if (keyset && list.after) parts.push(afterKeyset(list.after));
    const own = toDocumentFilter(meta, parts.length === 1 ? parts[0] : { $and: parts });
    if (own === null) throw new NotCompiled(`a filter on ${list.entity} beyond the MongoDB translation`);
    if (!list.parentProp) return own;
    if (!parent) throw new NotCompiled('a nested list without its parent');
    const link = { $expr: { $eq: [`$${this.field(meta, list.parentProp)}`, `$$${parent}`] } };
    return Object.keys(own).length ? { $and: [link, own] } : link;
  }

  /** Stored fields a row's selection reads: its columns, its relations' keys (the key always comes); undefined for all. */
  private projection(node: TreeNode, meta: EntityMetadata): Document | undefined {
    if (!node.columns) return undefined;
    const out: Document = {};
    for (const prop of node.columns) out[this.field(meta, prop)] = 1;
    for (const { prop } of node.toOne) out[this.field(meta, prop)] = 1;
    return out;
  }

  private field(meta: EntityMetadata, prop: string): string {
    const p = meta.properties[prop as never] as EntityMetadata['properties'][string] | undefined;
    if (!p || p.fieldNames?.length !== 1 || p.persist === false) throw new NotCompiled(`${meta.className}.${prop} is not one stored field`);
    return p.fieldNames[0];
  }

  private targetOf(meta: EntityMetadata, prop: string): string {
    const p = meta.properties[prop as never] as EntityMetadata['properties'][string] | undefined;
    if (p?.kind !== ReferenceKind.MANY_TO_ONE) throw new NotCompiled(`${meta.className}.${prop} is not a to-one relation`);
    return p.type;
  }

  /** A `let` variable name, distinct within the pipeline (an inner pipeline sees the outer ones). */
  private variable(): string {
    return `v${this.variables++}`;
  }
}

/**
 * Rows after a keyset position, as the batched path writes it (see
 * afterCursor in paginate.ts): the same filter, so both paths agree on ties
 * and nulls.
 */
function afterKeyset(after: NonNullable<TreeList['after']>): Where {
  const op = after.dir === 'asc' ? '$gt' : '$lt';
  const terms: Where[] = [];
  for (let i = 0; i < after.fields.length; i++) {
    if (after.fields.indexOf(after.fields[i]) !== i) continue;
    const term: Where = {};
    for (let j = 0; j < i; j++) term[after.fields[j]] = after.values[j];
    term[after.fields[i]] = { [op]: after.values[i] };
    terms.push(term);
  }
  return { $or: terms };
}

/** The pipeline's documents as the rows a compiled statement returns (see RawRow): properties by name, `~key`, `#key`. */
export function treeRows(metaOf: (name: string) => EntityMetadata, list: TreeList, docs: Document[]): RawRow[] {
  const meta = metaOf(list.entity);
  return docs.map((doc) => treeRow(metaOf, list.node, meta, doc));
}

function treeRow(metaOf: (name: string) => EntityMetadata, node: TreeNode, meta: EntityMetadata, doc: Document): RawRow {
  const row: RawRow = fromStored(meta, doc, false);
  for (const { key, prop, node: child } of node.toOne) {
    const one = (doc[`~${key}`] as Document[] | undefined)?.[0];
    row[`~${key}`] = one ? treeRow(metaOf, child, metaOf(meta.properties[prop as never].type), one) : null;
  }
  for (const { key, list } of node.lists) {
    const child = metaOf(list.entity);
    row[`~${key}`] = ((doc[`~${key}`] as Document[] | undefined) ?? []).map((d) => treeRow(metaOf, list.node, child, d));
    if (list.count) row[`#${key}`] = Number((doc[`#${key}`] as Document[] | undefined)?.[0]?.n ?? 0);
  }
  return row;
}

/**
 * Whether the server runs what TreePipeline writes: $lookup with `let` and an
 * inner pipeline, $expr over a variable, $count inside it. Asked by running
 * one such pipeline, not by product name: MongoDB does, FerretDB 1.24 has no
 * $lookup and refuses it. Undecided (the error is thrown) when the server did
 * not answer or answered that it is unavailable.
 */
export async function probeLookups(db: Db, collection: string): Promise<boolean> {
  const probe = [{ $limit: 1 }, { $lookup: { from: collection, let: { v: '$_id' }, pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$v'] } } }, { $count: 'n' }], as: 'n' } }];
  try {
    await db.collection(collection).aggregate(probe).toArray();
    return true;
  } catch (error) {
    if (error instanceof MongoServerError && !isUnavailable(error)) return false;
    throw error;
  }
}
