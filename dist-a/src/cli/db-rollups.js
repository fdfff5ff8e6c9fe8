"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.rollupsCommand = rollupsCommand;
const context_1 = require("./context");
/**
 * db rollups [--rebuild] [--json]: compares the analytics rollups with a full
 * recount of code generations and analyses (exit 1 on any difference), or with
 * --rebuild counts them again from scratch.
 */
async function rollupsCommand(io, rebuild, json) {
    await (0, context_1.withDatabase)(io, async ({ backend, config }) => {
        if (rebuild) {
            const started = Date.now();
            const written = await backend.rebuildRollups();
            const result = { driver: config.driver, rebuilt: true, ...written, seconds: (Date.now() - started) / 1000 };
            return io.out(json ? JSON.stringify(result) : `${config.driver}: rollups rebuilt: ${written.generationRows} generation and ${written.healthRows} health rows in ${result.seconds} s`);
        }
        const drift = await backend.rollupDrift();
        if (json)
            io.out(JSON.stringify({ driver: config.driver, matches: drift.length === 0, drift }));
        else if (!drift.length)
            io.out(`${config.driver}: rollups match a full recount`);
        else
            io.out(`${config.driver}: rollups differ from a full recount:\n${drift.map((d) => `  ${d}`).join('\n')}`);
        if (drift.length)
            throw new context_1.CliError('rollups drifted; run codeobit db rollups --rebuild', 1);
    });
}
//# sourceMappingURL=db-rollups.js.map