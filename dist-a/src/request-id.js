"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requestIdOf = requestIdOf;
const node_crypto_1 = require("node:crypto");
/** The caller's x-request-id when it is a sane token, else a new UUID. */
function requestIdOf(req) {
    const given = req.headers['x-request-id'];
    return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : (0, node_crypto_1.randomUUID)();
}
//# sourceMappingURL=request-id.js.map