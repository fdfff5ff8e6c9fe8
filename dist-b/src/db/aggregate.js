"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.byCount = void 0;
/** Largest groups first; ties by the grouped values, so the order is the same on every run and backend. */
const byCount = (a, b) => b.count - a.count || JSON.stringify(a.keys).localeCompare(JSON.stringify(b.keys));
exports.byCount = byCount;
//# sourceMappingURL=aggregate.js.map