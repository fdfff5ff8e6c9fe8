import type { User } from '../entities';

/**
 * Callers by API key hash, for a short time, so a busy client does not cost an
 * extra query per request. This process forgets everything the moment any user
 * changes through it (rotate, revoke, role, delete); a change made elsewhere (the
 * CLI, another replica) is seen within the TTL (AUTH_CACHE_TTL_MS, 0 = off).
 * Only successful lookups are kept; wrong keys always reach the database (and
 * the per-IP rate limit).
 */
export class KeyCache {
  private readonly entries = new Map<string, { user: User; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(hash: string): User | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.until > Date.now()) return entry.user;
    this.entries.delete(hash);
    return undefined;
  }

  set(hash: string, user: User): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(hash, { user, until: Date.now() + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}
