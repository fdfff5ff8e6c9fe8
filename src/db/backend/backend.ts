import type { EntityManager } from '@mikro-orm/core';
import type { TreeList, TreeRows } from '../read-tree';
import type { BulkSink } from '../../backup/bulk-sink';
import type { EntityCodec } from '../../backup/format';
import type { EntityClass, Group, GroupOptions } from '../aggregate';
import type { PropRow } from './stored-rows';

/** The user every row a write touches must belong to; null: any (an admin, or the operator). */
export type OwnerScope = string | null;

/** What Backend.claim takes. Claimable: PENDING with runAfter ≤ now, or RUNNING with lockedUntil < now (a lost worker's lease). */
export interface ClaimRequest {
  workerId: string;
  limit: number;
  now: Date;
  lockedUntil: Date;
  /** Only these languages, when given. */
  languages?: string[];
}

/** What Backend.childRows reads. */
export interface ChildRowsRequest {
  entity: string;
  /** The prototype of the rows (see FindRequest). */
  prototype: object;
  parentProp: string;
  parentIds: string[];
  filters: Record<string, unknown>;
  perParent: number;
  direction: 'asc' | 'desc';
  /** Columns to read (all when absent). */
  fields?: string[];
  /** Children per parent, for choosing one query or one per parent (batched and cached by the caller). */
  counts(parentIds: string[]): Promise<number[]>;
}

export interface InsertOptions {
  /** The input field that named the parent, for a NOT_FOUND error's `field`. */
  parentField?: string;
}

/**
 * What differs between database families, behind one interface chosen where the
 * driver is chosen (src/db/drivers.ts). Services call it with property rows
 * (see stored-rows.ts) and never ask which database is behind it.
 *
 * Every write is atomic and answers the row as that write stored it; rollups
 * move by the write's exact change (see rollup-deltas.ts); a parent deleted
 * while a child is written either takes the child with it or the write fails
 * NOT_FOUND, never leaving an orphan. Each implementation says how.
 */
export interface Backend {
  /**
   * Inserts `row` (complete: see newRow) after checking, in the same write, that
   * its parent exists and belongs to `owner`. NOT_FOUND when it does not,
   * CONFLICT (with `field`) on a duplicate unique value.
   */
  insert(entity: string, row: PropRow, owner: OwnerScope, options?: InsertOptions): Promise<PropRow>;

  /**
   * Sets `changes` (and updatedAt) on row `id` if `owner` may reach it: the row
   * as this write stored it, or null when there is no such row for `owner`.
   */
  update(entity: string, id: string, owner: OwnerScope, changes: PropRow): Promise<PropRow | null>;

  /**
   * Compare-and-set: sets `changes(before)` (and updatedAt) on row `id` only if
   * its stored values equal `expect`, checked atomically with the write (rollups
   * move as for update). `after` is the row as stored, or null when nothing was
   * written; `before` the row as it was (null when there is none).
   */
  updateIf(entity: string, id: string, expect: PropRow, changes: (before: PropRow) => PropRow): Promise<{ before: PropRow | null; after: PropRow | null }>;

  /**
   * updateIf on each of `ids` (distinct), as one write where the backend has
   * transactions: one answer per id, in order. Each row is compared and set on
   * its own (one that does not match is left alone, the others are written);
   * the rollups move once for all of them.
   */
  updateEachIf(entity: string, ids: string[], expect: PropRow, changes: (before: PropRow) => PropRow): Promise<{ before: PropRow | null; after: PropRow | null }[]>;

  /**
   * Takes up to `limit` claimable code generations for `workerId` (see
   * ClaimRequest), highest priority first, then oldest, each taken by exactly
   * one caller however many claim at once: status RUNNING, lockedBy, lockedUntil,
   * attempts + 1, startedAt. PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED then
   * one UPDATE; SQLite: one transaction (one writer at a time); MongoDB: one
   * findOneAndUpdate per item. The rows as stored.
   */
  claim(request: ClaimRequest): Promise<PropRow[]>;

  /** Deletes row `id` (if `owner` may reach it) with everything that hangs from it: the row as it was, or null. */
  remove(entity: string, id: string, owner: OwnerScope): Promise<PropRow | null>;

  /** Deletes every rollup row and counts them again from the rows. */
  rebuildRollups(): Promise<{ generationRows: number; healthRows: number }>;

  /** Rollup rows that differ from a full recount (at most `limit` described); empty when they agree. */
  rollupDrift(limit?: number): Promise<string[]>;

  /**
   * Called while the database seems unavailable: if a fresh connection reaches
   * it although the current one does not, replaces the current one and answers
   * true. (SQL pools reconnect by themselves; the MongoDB driver can be left
   * with a monitor that never checks the server again after an abrupt disconnect.)
   */
  recover(): Promise<boolean>;

  /**
   * Calls `onTrip` for every database round trip (a statement on SQL, a command
   * on MongoDB); call again after recover() replaced the connection.
   */
  observeRoundTrips(onTrip: () => void): void;

  /**
   * Rows matching a filter, ordered and limited, with only the planned
   * columns, without hydration: SQL one compiled statement with the planned
   * joins (MikroORM's query builder for what the compiler does not know);
   * MongoDB one find on the collection.
   */
  find(request: FindRequest): Promise<FoundRow[]>;

  /**
   * Asks the server, once at start, what it can do that changes how this
   * backend reads (MongoDB: whether it has $lookup); never fails (a server
   * that does not answer is asked again when first needed).
   */
  prepare?(): Promise<void>;

  /**
   * A root field's whole read (see read-tree.ts) in one statement, or null
   * when this backend or this tree is beyond the compiler (the batched path
   * answers then). SQL compiles it to one statement; MongoDB to one
   * aggregation pipeline where the server has $lookup (see mongo-tree.ts).
   */
  readTree?(list: TreeList): Promise<TreeRows | null>;

  /**
   * The filter for rows (code generations, analyses) of projects `userId` owns:
   * through the relation where the database joins, else by the project ids,
   * read now through `em`.
   */
  inProjectsOf(em: EntityManager, userId: string): Promise<Record<string, unknown>>;

  /**
   * A condition: `prop` (stored in `column`) contains `text`, case-insensitively.
   * `text` is a value, never a pattern (no wildcards, no regular expression).
   */
  containsText(prop: string, column: string, text: string): Record<string, unknown>;

  /**
   * COUNT (or the sum of `opts.count`) and SUM(`opts.sum`) per combination of
   * `groupProps` over rows of `entity` matching `where`, computed by the database;
   * largest groups first, ties by the grouped values.
   */
  /**
   * Rows (as Backend.find makes them) of the first `perParent` children of each parent
   * in `parentIds`, matching equality `filters`, in createdAt (then id) order:
   * SQL one query with ROW_NUMBER() OVER (PARTITION BY parent …); MongoDB (no
   * window functions on FerretDB) one $in query while the children, counted
   * by `counts`, are few, else one query per parent.
   */
  childRows(request: ChildRowsRequest): Promise<Record<string, unknown>[]>;

  /** Children per parent matching equality `filters`: one GROUP BY or $group. */
  countPerParent(em: EntityManager, entity: string, parentProp: string, parentIds: string[], filters: Record<string, unknown>): Promise<Map<string, number>>;

  /**
   * What the database lacks or has beyond what the entities declare, after
   * migrations (SQL: the DDL that would fix it; MongoDB: missing collections
   * and indexes): empty means no drift. `db check` and the tests use it.
   */
  schemaDrift(): Promise<string[]>;

  /** Size of the database in bytes, where the database tells. */
  databaseSize(): Promise<number | null>;

  /** Stored rows of one entity (column names, driver values) in id order, `batch` at a time, without hydration. */
  storedRows(codec: EntityCodec, batch: number): AsyncGenerator<Record<string, unknown>[]>;

  /**
   * Writes everything `fill` produces all or nothing (restore, seed), replacing
   * what is there when `replace`: SQL in one transaction; MongoDB into staging
   * collections swapped in by renames once all are written.
   */
  bulkLoad(all: EntityCodec[], replace: boolean, fill: (sink: BulkSink) => Promise<void>): Promise<void>;

  groupBy(em: EntityManager, entity: EntityClass, groupProps: string[], where: Record<string, unknown>, opts?: GroupOptions): Promise<Group[]>;
}

/**
 * Which columns to read (properties; all when absent) and which to-one
 * relations to read with the rows, with their columns. A backend may ignore
 * the joins (the to-one resolvers then load the relations by id).
 */
export interface ReadPlan {
  fields?: string[];
  joins?: { prop: string; fields?: string[] }[];
}

/** What Backend.find reads. */
export interface FindRequest extends ReadPlan {
  entity: string;
  /** MikroORM filter syntax over properties, as the services build it. */
  where: Record<string, unknown>;
  orderBy?: Record<string, 'asc' | 'desc'>;
  limit?: number;
  /** The prototype of the rows (see light-find.ts), then one per join. */
  prototypes: object[];
  /** The request's entity manager when it runs a transaction the read must see. */
  transaction?: EntityManager;
}

/**
 * A found row (properties, driver values, created from its prototype), then
 * one per join the backend read (null when the relation is empty).
 */
export type FoundRow = [Record<string, unknown>, ...(Record<string, unknown> | null)[]];
