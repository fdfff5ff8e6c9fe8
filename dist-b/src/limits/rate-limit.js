"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RateLimiter = void 0;
/**
 * A token bucket per caller (API key hash, or client IP without a key), in memory.
 * Each bucket holds `perMinute` tokens and refills continuously; a request takes one.
 */
class RateLimiter {
    constructor(
    /** RATE_LIMIT_PER_MINUTE (keyed callers) / RATE_LIMIT_ANON_PER_MINUTE (per IP); 0 disables. */
    perMinute, now = Date.now) {
        this.perMinute = perMinute;
        this.now = now;
        this.buckets = new Map();
    }
    /** Like take() but without using a token: would a request be allowed now? */
    peek(key) {
        if (this.perMinute <= 0)
            return null;
        const wait = this.take(key);
        if (wait === null)
            this.buckets.get(key).tokens += 1;
        return wait;
    }
    /** null when allowed, else the seconds to wait before the next request will be. */
    take(key) {
        if (this.perMinute <= 0)
            return null;
        const now = this.now();
        const rate = this.perMinute / 60_000;
        const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
        b.tokens = Math.min(this.perMinute, b.tokens + (now - b.at) * rate);
        b.at = now;
        this.buckets.set(key, b);
        if (this.buckets.size > 100_000)
            this.prune(now);
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return null;
        }
        return Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
    }
    /** Full buckets carry no information; drop them so memory stays bounded. */
    prune(now) {
        const rate = this.perMinute / 60_000;
        for (const [k, b] of this.buckets)
            if (b.tokens + (now - b.at) * rate >= this.perMinute)
                this.buckets.delete(k);
    }
}
exports.RateLimiter = RateLimiter;
//# sourceMappingURL=rate-limit.js.map