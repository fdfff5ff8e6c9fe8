"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EntityService = void 0;
exports.checkId = checkId;
const entity_rules_1 = require("../../db/backend/entity-rules");
const codes_1 = require("../../errors/codes");
const paginate_1 = require("./paginate");
const look_ahead_1 = require("./look-ahead");
const read_plan_1 = require("./read-plan");
const where_1 = require("../../db/where");
const light_find_1 = require("../../db/light-find");
const filters_1 = require("./filters");
const connection_1 = require("./connection");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids are UUIDs on every backend; anything else is refused before it reaches a query. */
function checkId(id, what = 'id') {
    if (typeof id !== 'string' || !UUID.test(id))
        throw (0, codes_1.badInput)(`${what} ${JSON.stringify(String(id).slice(0, 80))} is not a valid id (UUID)`);
    return id.toLowerCase();
}
/** What every entity service shares: lookup by id that answers NOT_FOUND, and keyset paging. */
class EntityService {
    constructor(deps, entity, 
    /** The GraphQL type name, used in messages and cursors. */
    label) {
        this.deps = deps;
        this.entity = entity;
        this.label = label;
    }
    /** The request's entity manager, for writes (forked on first use). */
    get em() {
        return this.deps.em;
    }
    /** The row for reading (a plain object), or null when the id is unknown or not the caller's (the two are indistinguishable). */
    async find(id, selection) {
        const where = (0, where_1.and)({ id: checkId(id) }, await this.scope());
        const [row] = await (0, light_find_1.lightFind)(this.deps.scope, this.entity, where, { limit: 1, ...this.plan(selection) });
        return row ?? null;
    }
    /**
     * A nested list under a parent the caller already reached (so its children are
     * theirs too): batched across parents for plain `first` pages, keyset otherwise.
     */
    childPage(loader, parentId, filters, args, selection) {
        if (args.after == null && args.before == null && args.last == null) {
            return loader.load(parentId, filters, args.first ?? connection_1.PAGE.DEFAULT, this.plan(selection, cursorKey(selection, 'createdAt')).fields);
        }
        return this.page({ ...filters, [loader.parentProp]: parentId }, args, undefined, selection);
    }
    async page(where, args, sort = paginate_1.DEFAULT_SORT, selection) {
        const scope = await this.scope();
        const make = () => (0, where_1.and)(typeof where === 'function' ? where() : where, scope);
        return (0, paginate_1.paginate)(this.deps.scope, this.entity, this.label, make, args, sort, this.plan(selection, cursorKey(selection, sort.field)));
    }
    /** Columns and joins for what the client selected on these rows (everything when not known). */
    plan(selection, extra = []) {
        return selection ? (0, read_plan_1.readPlan)(this.deps.scope.root.getMetadata().getByClassName(this.entity.name), selection, extra) : {};
    }
    /**
     * A related row by id (a to-one field): at once when this request already read
     * it (joined into the list, or loaded before), else batched through `loader`.
     */
    related(entity, loader, id, selection) {
        const needs = selection && (0, read_plan_1.columnsFor)(this.deps.scope.root.getMetadata().getByClassName(entity.name), selection);
        const known = (0, light_find_1.recall)(this.deps.scope, entity, id, needs);
        if (known)
            return known;
        return loader.load(id).then((row) => {
            if (!row)
                throw (0, codes_1.notFound)(entity.name, id);
            return row;
        });
    }
    /** A typed `filter` argument as a database query (see translateFilter). */
    filterWhere(filter, spec) {
        const meta = this.deps.scope.root.getMetadata().getByClassName(this.entity.name);
        return (0, filters_1.translateFilter)(filter, spec, this.deps.store.backend, (p) => meta.properties[p].fieldNames[0]);
    }
    /**
     * Creates a row from `data` (nulls and missing values take the entity's
     * defaults) through the backend, which checks its parent in the same write:
     * the row as stored.
     */
    async createRow(data, options, owner = this.deps.access.ownerScope()) {
        const meta = this.deps.scope.root.getMetadata().getByClassName(this.entity.name);
        const row = (0, entity_rules_1.newRow)(meta, this.entity, data);
        return this.asRead(await this.deps.store.backend.insert(this.entity.name, row, owner, options));
    }
    /** Sets the given fields (undefined = leave unchanged) in one atomic write: the row as that write stored it. */
    async updateRow(id, changes) {
        const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
        const row = await this.deps.store.backend.update(this.entity.name, checkId(id), this.deps.access.ownerScope(), defined);
        if (!row)
            throw (0, codes_1.notFound)(this.label, id);
        return this.asRead(row);
    }
    /** Deletes the row (with what hangs from it): its id, or NOT_FOUND. */
    async removeRow(id) {
        const row = await this.deps.store.backend.remove(this.entity.name, checkId(id), this.deps.access.ownerScope());
        if (!row)
            throw (0, codes_1.notFound)(this.label, id);
        return String(row.id);
    }
    /** A row a write returned, as the read path shapes rows (and remembered for this request's resolvers). */
    asRead(row) {
        return (0, light_find_1.lightRow)(this.deps.scope, this.entity, row);
    }
}
exports.EntityService = EntityService;
/** The sort key's property when the client may read cursors (they encode it); nothing otherwise. */
function cursorKey(selection, field) {
    return selection?.[look_ahead_1.CURSORS] === false ? [] : [field];
}
//# sourceMappingURL=base.service.js.map