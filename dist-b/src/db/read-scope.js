"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReadScope = exports.HELD = void 0;
/** On a row a request has read: the fields it holds, or null for all (see recall). */
exports.HELD = Symbol('fields held');
/**
 * One request's reads: the rows it has read (by entity and id), and its own
 * entity manager, forked only when first needed (writes, counts, reads the SQL
 * compiler leaves to MikroORM). A fork costs more than a whole indexed read, and
 * most GraphQL requests never need one.
 */
class ReadScope {
    constructor(
    /** Reads go through it (see Backend.find). */
    backend, 
    /** The ORM's global entity manager: metadata, platform and connection only, never queried through. */
    root, em) {
        this.backend = backend;
        this.root = root;
        this.rows = new Map();
        this.forked = em;
    }
    /** The request's entity manager (forked now if it was not yet). */
    get em() {
        return (this.forked ??= this.root.fork());
    }
    /** The request's entity manager if it exists, without creating it. */
    get existingEm() {
        return this.forked;
    }
}
exports.ReadScope = ReadScope;
//# sourceMappingURL=read-scope.js.map