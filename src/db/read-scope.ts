import type { EntityManager } from '@mikro-orm/core';
import type { Backend } from './backend/backend';

/** On a row a request has read: the fields it holds, or null for all (see recall). */
export const HELD = Symbol('fields held');

/**
 * One request's reads: the rows it has read (by entity and id), and its own
 * entity manager, forked only when first needed (writes, counts, reads the SQL
 * compiler leaves to MikroORM). A fork costs more than a whole indexed read, and
 * most GraphQL requests never need one.
 */
export class ReadScope {
  readonly rows = new Map<string, Map<string, { [HELD]?: ReadonlySet<string> | null }>>();
  private forked?: EntityManager;

  constructor(
    /** Reads go through it (see Backend.find). */
    readonly backend: Backend,
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
