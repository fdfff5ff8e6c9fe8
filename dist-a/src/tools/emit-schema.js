"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SCHEMA_FILE = void 0;
require("reflect-metadata");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const schema_1 = require("../schema");
/** Writes schema/schema.graphql from the resolvers (npm run schema). A test fails when it is stale. */
exports.SCHEMA_FILE = (0, node_path_1.resolve)(__dirname, '../../schema/schema.graphql');
if (require.main === module) {
    (0, schema_1.printSdl)().then((sdl) => {
        (0, node_fs_1.writeFileSync)(exports.SCHEMA_FILE, sdl);
        process.stdout.write(`wrote ${exports.SCHEMA_FILE}\n`);
    });
}
//# sourceMappingURL=emit-schema.js.map