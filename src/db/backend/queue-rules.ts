import type { PropRow } from './stored-rows';

/** The order work is claimed in: highest priority first, then oldest, then by id (every backend the same). */
export function claimOrder(a: PropRow, b: PropRow): number {
  const pa = Number(a.priority);
  const pb = Number(b.priority);
  if (pa !== pb) return pb - pa;
  const ca = (a.createdAt as Date).getTime();
  const cb = (b.createdAt as Date).getTime();
  if (ca !== cb) return ca - cb;
  return String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0;
}

/** Whether `row` holds the values of `expect` (dates by time, references by id). */
export function matches(row: PropRow, expect: PropRow): boolean {
  return Object.entries(expect).every(([prop, want]) => {
    const have = row[prop];
    if (want instanceof Date) return have instanceof Date && have.getTime() === want.getTime();
    return (have ?? null) === (want ?? null);
  });
}

/** A RUNNING row whose lease ran out on its last allowed attempt. */
export const isSpent = (row: PropRow): boolean => row.status === 'running' && Number(row.attempts) >= Number(row.maxAttempts);

/** What a spent lease becomes: FAILED for good, released, with the reason as lastError. */
export function spentLease(row: PropRow, now: Date): PropRow {
  return { status: 'failed', lockedBy: null, lockedUntil: null, completedAt: now, lastError: `lease expired on attempt ${row.attempts} of ${row.maxAttempts} (held by ${row.lockedBy ?? 'nobody'})` };
}
