"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ChildPages = void 0;
const dataloader_1 = __importDefault(require("dataloader"));
const paginate_1 = require("./paginate");
const light_find_1 = require("../../db/light-find");
/**
 * First pages of one kind of child (projects of users, code generations of
 * projects...) for many parents at once, so a nested list costs the same number
 * of round trips for 5 parents as for 50 (how, per database: Backend.childRows).
 * Counts (totalCount) are batched the same way (Backend.countPerParent).
 * Only plain `first` pages are batched; cursors fall back to per-parent keyset pages.
 */
class ChildPages {
    constructor(scope, store, entity, parentProp, 
    /** Cursor kind, as paginate() uses. */
    kind, direction = 'asc') {
        this.scope = scope;
        this.store = store;
        this.entity = entity;
        this.parentProp = parentProp;
        this.kind = kind;
        this.direction = direction;
        this.pages = new Map();
        this.counts = new Map();
    }
    /** The ORM's global entity manager: metadata and the shared connection (no identity map is used here). */
    get em() {
        return this.scope.root;
    }
    /** The first `first` children of `parentId` matching equality `filters`; `fields`: the columns to read (SQL; all when absent). */
    load(parentId, filters, first, fields) {
        const key = JSON.stringify([filters, first, fields ?? null]);
        let loader = this.pages.get(key);
        if (!loader) {
            loader = new dataloader_1.default((ids) => this.batch([...ids], filters, first, fields));
            this.pages.set(key, loader);
        }
        return loader.load(parentId);
    }
    count(parentId, filters) {
        return this.countLoader(filters).load(parentId);
    }
    /** Counts per parent, batched and cached for the request (MongoDB paging reuses them for totalCount). */
    countLoader(filters) {
        const key = JSON.stringify(filters);
        let loader = this.counts.get(key);
        if (!loader) {
            loader = new dataloader_1.default(async (ids) => {
                const groups = await this.groupCounts([...ids], filters);
                return ids.map((id) => groups.get(id) ?? 0);
            });
            this.counts.set(key, loader);
        }
        return loader;
    }
    async batch(ids, filters, first, fields) {
        const rows = first === 0 ? [] : await this.rows(ids, filters, first + 1, fields);
        const byParent = new Map(ids.map((id) => [id, []]));
        for (const row of rows)
            byParent.get(row[this.parentProp].id)?.push(row);
        return ids.map((id) => {
            const all = byParent.get(id);
            const nodes = all.slice(0, first);
            const edges = nodes.map((node) => (0, paginate_1.edgeOf)(this.kind, node));
            const count = () => this.count(id, filters);
            return {
                edges,
                pageInfo: {
                    hasNextPage: all.length > first,
                    hasPreviousPage: false,
                    get startCursor() {
                        return edges[0]?.cursor ?? null;
                    },
                    get endCursor() {
                        return edges[edges.length - 1]?.cursor ?? null;
                    },
                },
                get totalCount() {
                    return count();
                },
            };
        });
    }
    /** Light rows (see lightRow) of the first `perParent` children of each parent. */
    async rows(ids, filters, perParent, fields) {
        const entity = this.entity;
        const rows = await this.store.backend.childRows({
            entity: entity.name,
            prototype: (0, light_find_1.rowPrototype)(this.scope, entity),
            parentProp: this.parentProp,
            parentIds: ids,
            filters,
            perParent,
            direction: this.direction,
            fields,
            counts: (parentIds) => this.countLoader(filters).loadMany(parentIds),
        });
        const held = fields ? new Set(fields) : null;
        return rows.map((row) => (0, light_find_1.adoptRow)(this.scope, entity, row, held));
    }
    /** Children per parent matching `filters`: one GROUP BY (SQL) or $group (MongoDB). */
    groupCounts(ids, filters) {
        return this.store.backend.countPerParent(this.em, this.entity.name, this.parentProp, ids, filters);
    }
}
exports.ChildPages = ChildPages;
//# sourceMappingURL=child-pages.js.map