"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_LIMITS = void 0;
exports.DEFAULT_LIMITS = { maxDepth: 12, maxCost: 100_000, maxAliases: 30, maxRootFields: 20 };
//# sourceMappingURL=defaults.js.map