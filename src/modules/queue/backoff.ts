import type { QueueSettings } from '../../config';

/**
 * How long a failed attempt waits before it may be claimed again: base ×
 * 2^(attempts − 1), capped at max, then moved by up to ± jitter (`random` in
 * [0, 1)) so the retries of a burst of failures spread out.
 */
export function backoffMs(attempts: number, settings: QueueSettings, random = Math.random()): number {
  const exponential = settings.backoffBaseMs * 2 ** Math.max(0, Math.min(attempts - 1, 40));
  const capped = Math.min(settings.backoffMaxMs, exponential);
  return Math.round(capped * (1 + settings.backoffJitter * (2 * random - 1)));
}
