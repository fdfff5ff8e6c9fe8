"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isLiveKeyHash = exports.API_KEY_SHAPE = exports.API_KEY_PREFIX = void 0;
exports.generateApiKey = generateApiKey;
exports.hashApiKey = hashApiKey;
exports.unusableKeyHash = unusableKeyHash;
const node_crypto_1 = require("node:crypto");
/** Recognisable prefix, so leaked keys are easy to spot in logs and secret scanners. */
exports.API_KEY_PREFIX = 'cbk_';
/** A new key: the prefix plus 256 random bits. */
function generateApiKey() {
    const key = exports.API_KEY_PREFIX + (0, node_crypto_1.randomBytes)(32).toString('base64url');
    return { key, hash: hashApiKey(key), prefix: key.slice(0, 12) };
}
function hashApiKey(key) {
    return (0, node_crypto_1.createHash)('sha256').update(key, 'utf8').digest('hex');
}
/** Exactly what generateApiKey makes; anything else is refused before a lookup. */
exports.API_KEY_SHAPE = /^cbk_[A-Za-z0-9_-]{43}$/;
/** A hash no key can produce (not hex), for revoked keys and seeded users; unique like real hashes. */
function unusableKeyHash() {
    return 'r' + (0, node_crypto_1.randomBytes)(32).toString('hex').slice(0, 63);
}
/** True when the stored hash belongs to a live key (revoked and seeded users have non-hex placeholders). */
const isLiveKeyHash = (hash) => /^[0-9a-f]{64}$/.test(hash);
exports.isLiveKeyHash = isLiveKeyHash;
//# sourceMappingURL=api-key.js.map