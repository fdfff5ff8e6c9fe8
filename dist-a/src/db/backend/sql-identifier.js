"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.quote = void 0;
/** An SQL identifier quoted the standard way (PostgreSQL and SQLite both accept double quotes). */
const quote = (identifier) => `"${identifier.replace(/"/g, '""')}"`;
exports.quote = quote;
//# sourceMappingURL=sql-identifier.js.map