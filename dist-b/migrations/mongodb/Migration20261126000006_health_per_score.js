"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Migration20261126000006 = void 0;
const migrations_mongodb_1 = require("@mikro-orm/migrations-mongodb");
const rollup_recounts_1 = require("./rollup-recounts");
/** health_daily keeps a count per health score instead of a min and a max (see the SQL migrations); same indexes. */
class Migration20261126000006 extends migrations_mongodb_1.Migration {
    async up() {
        await (0, rollup_recounts_1.recountHealthPerScore)(this.getCollection('users').db);
    }
    async down() {
        await (0, rollup_recounts_1.recountHealthMinMax)(this.getCollection('users').db);
    }
}
exports.Migration20261126000006 = Migration20261126000006;
//# sourceMappingURL=Migration20261126000006_health_per_score.js.map