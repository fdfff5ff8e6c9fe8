"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ormOptions = ormOptions;
exports.initORM = initORM;
const core_1 = require("@mikro-orm/core");
const legacy_1 = require("@mikro-orm/decorators/legacy");
const entities_1 = require("../entities");
const drivers_1 = require("./drivers");
/** Builds the MikroORM options for one driver; the CLI, the server and the tests all come here. */
function ormOptions(settings, overrides = {}) {
    const base = (0, drivers_1.driverOptions)(settings.driver, settings.databaseUrl);
    return {
        entities: [...entities_1.ENTITIES, ...entities_1.ROLLUPS],
        // Metadata comes from decorators + reflect-metadata: works from ts-jest, ts-node and tsc output alike.
        metadataProvider: legacy_1.ReflectMetadataProvider,
        debug: settings.debug ?? false,
        allowGlobalContext: false,
        forceUtcTimezone: true,
        ...base,
        ...overrides,
        migrations: { ...base.migrations, ...overrides.migrations },
    };
}
/** Connects, failing with a message that names the target when the database is unreachable. */
async function initORM(settings, overrides = {}) {
    // MikroORM 7 connects on first use; connect now, so an unreachable database fails start-up (and /readyz) at once.
    const orm = await core_1.MikroORM.init(ormOptions(settings, overrides));
    await orm.connect();
    return orm;
}
//# sourceMappingURL=orm.js.map