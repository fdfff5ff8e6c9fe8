/** Per-connection and per-key subscription limits, connections per IP, and how much a slow reader may fall behind. */
export interface LiveLimits {
  subscriptionsPerConnection: number;
  subscriptionsPerKey: number;
  connectionsPerIp: number;
  /** Bytes queued for a client that does not read before it is dropped. */
  maxBufferedBytes: number;
  /** LIVE_THROTTLE_MS: the least time between two runs of one live query. */
  liveThrottleMs: number;
}

export const DEFAULT_LIVE_LIMITS: LiveLimits = { subscriptionsPerConnection: 20, subscriptionsPerKey: 100, connectionsPerIp: 50, maxBufferedBytes: 1024 * 1024, liveThrottleMs: 250 };
