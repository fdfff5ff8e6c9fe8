import Redis from 'ioredis';
import type { Logger } from '../logger';

/** The Redis connections one gateway holds: commands and publishing, and one in subscriber mode. */
export interface RedisLink {
  commands: Redis;
  subscriber: Redis;
  close(): Promise<void>;
}

/**
 * Connects to REDIS_URL (redis:// or rediss://), which carries what several
 * gateway instances share: events for subscriptions, rate-limit counters and
 * "forget cached keys" notices. Start fails when Redis cannot be reached.
 */
export async function connectRedis(url: string, logger: Logger): Promise<RedisLink> {
  const open = () => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true });
    client.on('error', (error) => logger.warn('redis error', { error: error.message }));
    return client;
  };
  const commands = open();
  const subscriber = open();
  await Promise.all([commands.connect(), subscriber.connect()]);
  return {
    commands,
    subscriber,
    async close() {
      await Promise.allSettled([commands.quit(), subscriber.quit()]);
    },
  };
}
