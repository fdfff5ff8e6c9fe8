import type { EntityManager } from '@mikro-orm/core';

/** A row a request has read, and which of its fields it holds (null: all). */
export interface Remembered {
  row: object;
  fields: ReadonlySet<string> | null;
}

/**
 * One request's reads: the rows it has read (by entity and id), and its own
 * entity manager, forked only when first needed (writes, counts, reads the SQL
 * compiler leaves to MikroORM). A fork costs more than a whole indexed read, and
 * most GraphQL requests never need one.
 */
export class ReadScope {
  readonly rows = new Map<string, Map<string, Remembered>>();
  private forked?: EntityManager;

  constructor(
    /** The ORM's global entity manager: metadata, platform and connection only, never queried through. */
    readonly root: EntityManager,
    em?: EntityManager,
  ) {
    this.forked = em;
  }

  /** The request's entity manager (forked now if it was not yet). */
  get em(): EntityManager {
    return (this.forked ??= this.root.fork());
  }

  /** The request's entity manager if it exists, without creating it. */
  get existingEm(): EntityManager | undefined {
    return this.forked;
  }
}
