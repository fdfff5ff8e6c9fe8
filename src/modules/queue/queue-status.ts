import type { EntityManager } from '@mikro-orm/core';
import type { Backend } from '../../db/backend/backend';
import { CodeGeneration } from '../../entities';

/** How the queue stands: for `codeobit queue status` and the /metrics gauges. */
export interface QueueStatus {
  /** Generations per status (pending, running, completed, failed). */
  byStatus: Record<string, number>;
  /** Age of the oldest PENDING generation, in seconds; null when none waits. */
  oldestWaitingSeconds: number | null;
  /** RUNNING generations whose lease has run out (their worker is gone or stuck): the next claim takes them. */
  leasesExpired: number;
  /** RUNNING generations whose lease runs out within the next minute. */
  leasesExpiringSoon: number;
  /** FAILED generations per last error, most frequent first (at most 10). */
  failuresByError: { error: string | null; count: number }[];
}

/** Computed by the database (grouped counts and one indexed read), whatever the queue's length. */
export async function queueStatus(backend: Backend, em: EntityManager, now: Date): Promise<QueueStatus> {
  const soon = new Date(now.getTime() + 60_000);
  const [statuses, expired, expiring, failures, oldest] = await Promise.all([
    backend.groupBy(em, CodeGeneration, ['status'], {}),
    backend.groupBy(em, CodeGeneration, [], { status: 'running', lockedUntil: { $lt: now } }),
    backend.groupBy(em, CodeGeneration, [], { status: 'running', lockedUntil: { $gte: now, $lt: soon } }),
    backend.groupBy(em, CodeGeneration, ['lastError'], { status: 'failed' }, { top: 10 }),
    backend.find({ entity: 'CodeGeneration', where: { status: 'pending' }, orderBy: { createdAt: 'asc', id: 'asc' }, limit: 1, fields: ['id', 'createdAt'], prototypes: [{}] }),
  ]);
  const byStatus: Record<string, number> = { pending: 0, running: 0, completed: 0, failed: 0 };
  for (const g of statuses) byStatus[String(g.keys[0])] = g.count;
  const first = oldest[0]?.[0]?.createdAt;
  const createdAt = first instanceof Date ? first : first == null ? null : new Date(typeof first === 'number' || /^\d+$/.test(String(first)) ? Number(first) : String(first));
  return {
    byStatus,
    oldestWaitingSeconds: createdAt ? Math.max(0, Math.round((now.getTime() - createdAt.getTime()) / 1000)) : null,
    leasesExpired: expired[0]?.count ?? 0,
    leasesExpiringSoon: expiring[0]?.count ?? 0,
    failuresByError: failures.map((g) => ({ error: g.keys[0] === null ? null : String(g.keys[0]), count: g.count })),
  };
}
