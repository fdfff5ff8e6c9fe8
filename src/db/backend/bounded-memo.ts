import { LRUCache } from 'lru-cache';

/**
 * Values made once per key and kept, the least recently used dropped past
 * `max`: SQL text by statement shape, where the shapes are few but come from
 * requests, so the cache must stay bounded whatever they send.
 */
export class BoundedMemo<V extends object | string> {
  private readonly cache: LRUCache<string, V>;

  constructor(max: number) {
    this.cache = new LRUCache({ max });
  }

  get(key: string, make: () => V): V {
    let value = this.cache.get(key);
    if (value === undefined) this.cache.set(key, (value = make()));
    return value;
  }
}
