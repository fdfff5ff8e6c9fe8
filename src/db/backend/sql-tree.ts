import { ReferenceKind, type EntityMetadata } from '@mikro-orm/core';
import { NotCompiled, type TreeList, type TreeNode } from '../read-tree';
import { columnsOf, type Compiler } from './sql-reader';
import { quote } from './sql-identifier';
import { BoundedMemo } from './bounded-memo';

/** PostgreSQL's json_build_object takes at most 100 arguments: a wider row is not compiled. */
const MAX_PAIRS = 50;

/**
 * A row's JSON object text by node and alias, for nodes without lists: it
 * binds no parameters and names its relations' aliases after its own, so the
 * text is the same wherever the node appears. Planned nodes of a repeated
 * operation are the same objects (see documentPlans in tree-plan.ts), so their
 * text is written once; entries go with the nodes. Writing it was 4 % of the
 * CPU of a by-id request.
 */
const objectTexts = new WeakMap<TreeNode, Map<string, string>>();

/** Stored columns by entity and selected properties: bounded, as selections come from requests. */
const selectedColumns = new WeakMap<EntityMetadata, BoundedMemo<[string, string][]>>();

/**
 * A TreeList as one SELECT that returns the whole response's rows as JSON: each
 * row a json_build_object (PostgreSQL) or json_object (SQLite) of its columns,
 * each to-one relation a correlated subquery by primary key, each nested list a
 * correlated subquery over its page (ordered, limited) aggregated with
 * json_agg / json_group_array, each totalCount a correlated count. Parameters
 * are added in the order they appear in the text (SQLite's `?` is positional),
 * so every part is generated in text order.
 */
export class TreeSql {
  private aliases = 0;

  constructor(
    private readonly compiler: Compiler,
    private readonly metaOf: (name: string) => EntityMetadata,
    private readonly postgres: boolean,
  ) {}

  /** One row: c0 the rows (JSON), c1 their count when asked. */
  root(list: TreeList): string {
    const rows = this.rows(list);
    return list.count ? `select ${rows} as c0, ${this.count(list)} as c1` : `select ${rows} as c0`;
  }

  private rows(list: TreeList, parent?: string): string {
    const meta = this.metaOf(list.entity);
    const a = `t${this.aliases++}`;
    const object = this.object(list.node, meta, a);
    const order = list.order.map(([f, d]) => `${a}.${this.column(meta, f)} ${d === 'desc' ? 'desc' : 'asc'}`).join(', ');
    const orderBy = order ? ` order by ${order}` : '';
    // Only the columns the rows, their order and their relations read: a page of `select *` carries every text column through the subquery.
    const read = new Set([
      ...this.columns(meta, list.node.columns).map(([c]) => c),
      ...list.order.map(([f]) => this.field(meta, f)),
      ...list.node.toOne.map(({ prop }) => this.field(meta, prop)),
      this.pk(meta),
    ]);
    const page = `(select ${[...read].map((c) => `${a}.${quote(c)}`).join(', ')} from ${quote(meta.tableName)} ${a} where ${this.where(list, meta, a, parent, true)}${orderBy} limit ${this.limit(list.limit)}) ${a}`;
    return this.postgres ? `(select coalesce(json_agg(${object}${orderBy}), '[]'::json) from ${page})` : `(select json_group_array(${object}${orderBy}) from ${page})`;
  }

  private count(list: TreeList, parent?: string): string {
    const meta = this.metaOf(list.entity);
    const a = `t${this.aliases++}`;
    return `(select count(*) from ${quote(meta.tableName)} ${a} where ${this.where(list, meta, a, parent, false)})`;
  }

  private where(list: TreeList, meta: EntityMetadata, a: string, parent: string | undefined, keyset: boolean): string {
    const parts: string[] = [];
    if (list.parentProp) {
      if (!parent) throw new NotCompiled('a nested list without its parent');
      parts.push(`${a}.${this.column(meta, list.parentProp)} = ${parent}.${quote(this.pk(this.metaOf(this.targetOf(meta, list.parentProp))))}`);
    }
    // An ordered page walks its sort key's index (see Compiler.orderProp); a count has no order to walk.
    this.compiler.orderProp = keyset ? list.order[0]?.[0] : undefined;
    const own = this.compiler.where(meta, list.where, a);
    this.compiler.orderProp = undefined;
    if (own === null) throw new NotCompiled(`a filter on ${list.entity} beyond the SQL compiler`);
    parts.push(own);
    if (keyset && list.after) {
      const after = this.compiler.where(meta, { $keyset: list.after }, a);
      if (after === null) throw new NotCompiled('a cursor beyond the SQL compiler');
      parts.push(after);
    }
    return parts.join(' and ');
  }

  /** A row as a JSON object: its columns by property name, `~key` per relation or list, `#key` per count. */
  private object(node: TreeNode, meta: EntityMetadata, a: string): string {
    if (opensLists(node)) return this.writeObject(node, meta, a);
    const key = `${this.postgres ? 'p' : 's'}${a}`;
    let texts = objectTexts.get(node);
    let text = texts?.get(key);
    if (text === undefined) {
      text = this.writeObject(node, meta, a);
      if (!texts) objectTexts.set(node, (texts = new Map()));
      texts.set(key, text);
    }
    return text;
  }

  private writeObject(node: TreeNode, meta: EntityMetadata, a: string): string {
    const pairs: string[] = [];
    for (const [column, prop] of this.columns(meta, node.columns)) pairs.push(`'${prop}', ${a}.${quote(column)}`);
    for (const [i, { key, prop, node: child }] of node.toOne.entries()) {
      const target = this.metaOf(this.targetOf(meta, prop));
      // Named after the row's own alias (lists take t0, t1...): the same text wherever the row is.
      const b = `${a}_${i}`;
      const inner = this.object(child, target, b);
      const one = `(select ${inner} from ${quote(target.tableName)} ${b} where ${b}.${quote(this.pk(target))} = ${a}.${this.column(meta, prop)})`;
      pairs.push(`'~${key}', ${this.embed(one)}`);
    }
    for (const { key, list } of node.lists) {
      pairs.push(`'~${key}', ${this.embed(this.rows(list, a))}`);
      if (list.count) pairs.push(`'#${key}', ${this.count(list, a)}`);
    }
    if (pairs.length > MAX_PAIRS) throw new NotCompiled(`more than ${MAX_PAIRS} fields on one ${meta.className}`);
    return this.postgres ? `json_build_object(${pairs.join(', ')})` : `json_object(${pairs.join(', ')})`;
  }

  /** SQLite passes a subquery's JSON on as text unless told it is JSON. */
  private embed(subquery: string): string {
    return this.postgres ? subquery : `json(${subquery})`;
  }

  private columns(meta: EntityMetadata, props: string[] | undefined): [string, string][] {
    let memo = selectedColumns.get(meta);
    if (!memo) selectedColumns.set(meta, (memo = new BoundedMemo(1000)));
    return memo.get(props?.join(',') ?? '*', () => {
      const columns = columnsOf(meta, props);
      if (columns === null) throw new NotCompiled(`a property of ${meta.className} that is not stored`);
      return columns;
    });
  }

  private column(meta: EntityMetadata, prop: string): string {
    return quote(this.field(meta, prop));
  }

  /** The column `prop` is stored in (unquoted). */
  private field(meta: EntityMetadata, prop: string): string {
    const p = meta.properties[prop as never] as EntityMetadata['properties'][string] | undefined;
    if (!p || p.fieldNames?.length !== 1) throw new NotCompiled(`${meta.className}.${prop} is not one column`);
    return p.fieldNames[0];
  }

  private targetOf(meta: EntityMetadata, prop: string): string {
    const p = meta.properties[prop as never] as EntityMetadata['properties'][string] | undefined;
    if (p?.kind !== ReferenceKind.MANY_TO_ONE) throw new NotCompiled(`${meta.className}.${prop} is not a to-one relation`);
    return p.type;
  }

  private pk(meta: EntityMetadata): string {
    return meta.properties[meta.primaryKeys[0] as never].fieldNames[0];
  }

  private limit(n: number): number {
    if (!Number.isSafeInteger(n) || n < 0) throw new NotCompiled('a page size that is not a whole number');
    return n;
  }
}

/** Whether a row or one of its relations selects a list (whose page binds parameters). */
function opensLists(node: TreeNode): boolean {
  return node.lists.length > 0 || node.toOne.some((one) => opensLists(one.node));
}
