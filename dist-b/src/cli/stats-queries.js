"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.rowCounts = rowCounts;
const entities_1 = require("../entities");
/** Row count of every entity, in dependency order. */
async function rowCounts(orm) {
    const em = orm.em.fork();
    const counts = {};
    for (const entity of entities_1.ENTITIES)
        counts[entity.name] = await em.count(entity, {});
    return counts;
}
//# sourceMappingURL=stats-queries.js.map