import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimiter } from './rate-limit';

/** What app.ts asks of a rate limiter: null when a request may go, else the seconds to wait. */
export interface Limiter {
  take(key: string): number | null | Promise<number | null>;
  peek(key: string): number | null | Promise<number | null>;
}

const waitOf = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/**
 * A per-minute limit kept in Redis (rate-limiter-flexible), shared by every
 * instance on REDIS_URL: N gateways behind a load balancer allow a key its
 * limit once, not N times. Without Redis the in-memory RateLimiter serves:
 * rate-limiter-flexible's memory store keeps a record and a timer per key with
 * no cap, where RateLimiter prunes at 100,000 callers.
 *
 * While Redis is unreachable each instance counts on its own (the in-memory
 * limiter), so requests keep being answered rather than failing or waiting on
 * reconnection; the shared count resumes when Redis is back.
 */
export function sharedLimiter(perMinute: number, redis: Redis, name: string): Limiter {
  if (perMinute <= 0) return { take: () => null, peek: () => null };
  const limiter = new RateLimiterRedis({ storeClient: redis, points: perMinute, duration: 60, keyPrefix: `codeobit:rl:${name}` });
  const local = new RateLimiter(perMinute);
  return {
    async take(key) {
      if (redis.status !== 'ready') return local.take(key);
      try {
        await limiter.consume(key);
        return null;
      } catch (error) {
        if (error instanceof RateLimiterRes) return waitOf(error);
        return local.take(key);
      }
    },
    async peek(key) {
      if (redis.status !== 'ready') return local.peek(key);
      try {
        const res = await limiter.get(key);
        return res && res.remainingPoints <= 0 ? waitOf(res) : null;
      } catch {
        return local.peek(key);
      }
    },
  };
}
