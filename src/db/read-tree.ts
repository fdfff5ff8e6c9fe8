/**
 * A root field's whole read as data: the rows of one entity (a page, or one
 * row by id) with, per row, the to-one relations and nested lists the client
 * selected, at any depth. Built from the GraphQL selection (see
 * modules/common/tree-plan.ts); a SQL backend compiles it to one statement
 * (see backend/sql-tree.ts). Filters are the services' own (access rules
 * included at the root); nested lists hang from a row the caller reached.
 */
export type Where = Record<string, unknown>;

export interface TreeNode {
  /** Entity class name. */
  entity: string;
  /** Stored properties to read; undefined for all. */
  columns: string[] | undefined;
  /** Selected to-one relations, by response key. */
  toOne: { key: string; prop: string; node: TreeNode }[];
  /** Selected lists (connections, or the latest child), by response key. */
  lists: { key: string; list: TreeList }[];
}

export interface TreeList {
  entity: string;
  /** For a nested list: the child's many-to-one property pointing at the row above. */
  parentProp?: string;
  /** Which rows: conditions on the list itself (filters, access rules at the root). */
  where: Where;
  /** Keyset position (rows after it in `order`), kept apart so totalCount ignores it. */
  after?: { fields: string[]; values: unknown[]; dir: 'asc' | 'desc' };
  /** Sort terms, id last. */
  order: [string, 'asc' | 'desc'][];
  /** Rows to read (a page reads one past its size). */
  limit: number;
  /** Whether to count every row matching `where` (totalCount). */
  count: boolean;
  node: TreeNode;
}

/** What a backend returns for a TreeList: its rows as JSON-shaped objects, and the count when asked. */
export interface TreeRows {
  rows: RawRow[];
  total?: number;
}

/**
 * One row as the statement built it: stored properties by name (driver
 * values), `~key` for each relation or list (a row, null, or rows) and `#key`
 * for a list's count.
 */
export type RawRow = Record<string, unknown>;

/** Thrown while planning or compiling a tree the compiler does not cover: the batched path answers instead. */
export class NotCompiled extends Error {}
