"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Progress = void 0;
/**
 * Progress for long commands: a redrawn bar with counts and rate on a terminal,
 * a plain log line at most every 2 s otherwise.
 */
class Progress {
    constructor(io, label, total) {
        this.io = io;
        this.label = label;
        this.total = total;
        this.done = 0;
        this.started = Date.now();
        this.lastPrint = 0;
    }
    add(n) {
        this.done += n;
        const now = Date.now();
        if (now - this.lastPrint < (this.io.isTTY ? 100 : 2000) && this.done < this.total)
            return;
        this.lastPrint = now;
        const rate = Math.round(this.done / Math.max((now - this.started) / 1000, 0.001));
        const pct = this.total ? Math.min(100, Math.floor((this.done / this.total) * 100)) : 100;
        if (this.io.isTTY) {
            const width = 30;
            const fill = Math.round((pct / 100) * width);
            process.stderr.write(`\r${this.label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${pct}% ${this.done}/${this.total} rows ${rate} rows/s`);
            if (this.done >= this.total)
                process.stderr.write('\n');
        }
        else {
            this.io.err(`${this.label}: ${this.done}/${this.total} rows (${pct}%), ${rate} rows/s`);
        }
    }
    /** Rows per second since the start. */
    rate() {
        return Math.round(this.done / Math.max((Date.now() - this.started) / 1000, 0.001));
    }
    seconds() {
        return (Date.now() - this.started) / 1000;
    }
}
exports.Progress = Progress;
//# sourceMappingURL=progress.js.map