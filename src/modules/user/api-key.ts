import { createHash, randomBytes } from 'node:crypto';

/** Recognisable prefix, so leaked keys are easy to spot in logs and secret scanners. */
export const API_KEY_PREFIX = 'cbk_';

/** A new key: the prefix plus 256 random bits. */
export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, hash: hashApiKey(key), prefix: key.slice(0, 12) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
