"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sqliteMigrations = void 0;
const Migration20261124000001_initial_1 = require("./Migration20261124000001_initial");
const Migration20261124000002_user_role_1 = require("./Migration20261124000002_user_role");
const Migration20261124000003_day_keys_1 = require("./Migration20261124000003_day_keys");
const Migration20261124000004_sort_indexes_1 = require("./Migration20261124000004_sort_indexes");
const Migration20261125000005_rollups_1 = require("./Migration20261125000005_rollups");
const Migration20261126000006_health_per_score_1 = require("./Migration20261126000006_health_per_score");
/** Every sqlite migration, oldest first. Listed here (not globbed) so tsc output and ts-jest load the same set. */
exports.sqliteMigrations = [
    { name: 'Migration20261124000001_initial', class: Migration20261124000001_initial_1.Migration20261124000001 },
    { name: 'Migration20261124000002_user_role', class: Migration20261124000002_user_role_1.Migration20261124000002 },
    { name: 'Migration20261124000003_day_keys', class: Migration20261124000003_day_keys_1.Migration20261124000003 },
    { name: 'Migration20261124000004_sort_indexes', class: Migration20261124000004_sort_indexes_1.Migration20261124000004 },
    { name: 'Migration20261125000005_rollups', class: Migration20261125000005_rollups_1.Migration20261125000005 },
    { name: 'Migration20261126000006_health_per_score', class: Migration20261126000006_health_per_score_1.Migration20261126000006 },
];
//# sourceMappingURL=index.js.map