"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.seedCommand = seedCommand;
const seed_1 = require("../backup/seed");
const seed_data_1 = require("../backup/seed-data");
const verify_1 = require("../backup/verify");
const context_1 = require("./context");
/** db seed [--size small|large] [--seed N] [--anchor YYYY-MM-DD] [--force] [--json] */
async function seedCommand(io, opts) {
    const size = (opts.size ?? 'small');
    if (!(size in seed_data_1.SEED_SIZES))
        throw new context_1.CliError(`--size ${opts.size}: use small or large`, 2);
    const seedValue = Number(opts.seed ?? 1);
    if (!Number.isSafeInteger(seedValue) || seedValue < 0)
        throw new context_1.CliError(`--seed ${opts.seed}: use a non-negative integer`, 2);
    // Default anchor: the start of today (UTC), so "the last N days" in stats covers the data.
    const anchor = opts.anchor ? new Date(`${opts.anchor}T00:00:00.000Z`) : new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00.000Z');
    if (Number.isNaN(anchor.getTime()))
        throw new context_1.CliError(`--anchor ${opts.anchor}: use YYYY-MM-DD`, 2);
    await (0, context_1.withDatabase)(io, async ({ orm, backend, config }) => {
        const result = await (0, seed_1.seed)(orm, backend, size, seedValue, anchor, opts.force, io).catch((e) => {
            if (e instanceof verify_1.BadBackupError)
                throw new context_1.CliError(`seed refused: ${e.message}`);
            throw new context_1.CliError(`seed failed and was undone: ${e instanceof Error ? e.message : e}`);
        });
        if (opts.json)
            return io.out(JSON.stringify({ driver: config.driver, size, seed: seedValue, anchor: anchor.toISOString(), ...result, peakRssMB: (0, context_1.peakRssMB)() }));
        io.out(`seeded ${result.rows} rows (${size}, seed ${seedValue}) into ${config.driver} in ${result.seconds.toFixed(1)} s (${result.rowsPerSecond} rows/s)`);
    });
}
//# sourceMappingURL=db-seed.js.map