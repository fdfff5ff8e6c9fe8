"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.seed = seed;
const format_1 = require("./format");
const progress_1 = require("./progress");
const restore_1 = require("./restore");
const seed_data_1 = require("./seed-data");
/** Loads the demo dataset all or nothing, through the same batched writer as restore. */
async function seed(orm, backend, size, seedValue, anchor, force, io) {
    await (0, restore_1.assertEmptyOrForced)(orm, force, 'seed');
    const all = (0, format_1.codecs)(orm);
    const total = (0, seed_data_1.seedTotal)(size);
    const progress = new progress_1.Progress(io, `seed ${size}`, total);
    await backend.bulkLoad(all, force, async (sink) => {
        for (const [name, rows] of (0, seed_data_1.seedRows)(size, seedValue, anchor)) {
            await sink.insert(all.find((c) => c.name === name), rows);
            progress.add(rows.length);
        }
    });
    await backend.rebuildRollups();
    return { rows: total, seconds: progress.seconds(), rowsPerSecond: progress.rate() };
}
//# sourceMappingURL=seed.js.map