"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KeyCache = void 0;
/**
 * Callers by API key hash, for a short time, so a busy client does not cost an
 * extra query per request. This process forgets everything the moment any user
 * changes through it (rotate, revoke, role, delete); a change made elsewhere (the
 * CLI, another replica) is seen within the TTL (AUTH_CACHE_TTL_MS, 0 = off).
 * Only successful lookups are kept; wrong keys always reach the database (and
 * the per-IP rate limit).
 */
class KeyCache {
    constructor(ttlMs, maxEntries = 10_000) {
        this.ttlMs = ttlMs;
        this.maxEntries = maxEntries;
        this.entries = new Map();
    }
    get(hash) {
        const entry = this.entries.get(hash);
        if (!entry)
            return undefined;
        if (entry.until > Date.now())
            return entry.user;
        this.entries.delete(hash);
        return undefined;
    }
    set(hash, user) {
        if (this.ttlMs <= 0)
            return;
        if (this.entries.size >= this.maxEntries)
            this.entries.clear();
        this.entries.set(hash, { user, until: Date.now() + this.ttlMs });
    }
    clear() {
        this.entries.clear();
    }
}
exports.KeyCache = KeyCache;
//# sourceMappingURL=key-cache.js.map