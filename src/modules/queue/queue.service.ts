import type { ServiceDeps } from '../../context';
import { CodeGeneration, GenerationStatus } from '../../entities';
import { conflict, notFound } from '../../errors/codes';
import type { PropRow } from '../../db/backend/stored-rows';
import type { QueueChange } from '../../db/store';
import { lightRow } from '../../db/light-find';
import { checkId } from '../common/base.service';
import { backoffMs } from './backoff';
import type { ClaimArgs, CompleteArgs, FailArgs, HeartbeatArgs, HeldArgs } from './queue.inputs';

/**
 * The work queue over code generations: workers claim PENDING work (or work
 * whose lease ran out), keep it with heartbeats, and complete or fail it. Every
 * step on a held generation is a compare-and-set on (status RUNNING, lockedBy
 * the worker): a worker that lost its lease changes nothing and gets CONFLICT
 * with reason LEASE_LOST. Times come from the store's clock.
 */
export class QueueService {
  constructor(private readonly deps: ServiceDeps) {}

  async claim(args: ClaimArgs): Promise<CodeGeneration[]> {
    this.deps.access.requireWorker('claim code generations');
    const now = this.deps.store.now();
    const rows = await this.deps.store.backend.claim({
      workerId: args.workerId,
      limit: args.limit,
      now,
      lockedUntil: new Date(now.getTime() + args.leaseSeconds * 1000),
      languages: args.languages?.length ? args.languages : undefined,
    });
    for (const row of rows) this.deps.store.generationChanges.emit('changed', row, 'claimed');
    return rows.map((row) => this.asRead(row));
  }

  heartbeat(args: HeartbeatArgs): Promise<CodeGeneration> {
    return this.held(args.id, args.workerId, 'extend the lease of', 'heartbeat', () => ({ lockedUntil: new Date(this.deps.store.now().getTime() + args.leaseSeconds * 1000) }));
  }

  complete(args: CompleteArgs): Promise<CodeGeneration> {
    return this.held(args.id, args.workerId, 'complete', 'completed', () => ({
      status: GenerationStatus.COMPLETED,
      generatedCode: args.generatedCode,
      tokensUsed: args.tokensUsed,
      lockedBy: null,
      lockedUntil: null,
      completedAt: this.deps.store.now(),
    }));
  }

  /** Back to PENDING after a backoff while attempts remain and the error is retryable; FAILED for good otherwise. */
  fail(args: FailArgs): Promise<CodeGeneration> {
    return this.held(args.id, args.workerId, 'fail', 'failed', (before) => {
      const now = this.deps.store.now();
      const attempts = Number(before.attempts);
      const released = { lastError: args.error, lockedBy: null, lockedUntil: null };
      if (!args.retryable || attempts >= Number(before.maxAttempts)) return { ...released, status: GenerationStatus.FAILED, completedAt: now };
      return { ...released, status: GenerationStatus.PENDING, runAfter: new Date(now.getTime() + backoffMs(attempts, this.deps.store.queue)) };
    });
  }

  /** Gives a held generation back untouched (a worker shutting down): PENDING, claimable at once, the attempt not counted. */
  release(args: HeldArgs): Promise<CodeGeneration> {
    return this.held(args.id, args.workerId, 'release', 'released', (before) => ({
      status: GenerationStatus.PENDING,
      lockedBy: null,
      lockedUntil: null,
      runAfter: null,
      attempts: Math.max(0, Number(before.attempts) - 1),
    }));
  }

  /** Changes a generation `workerId` holds, in one compare-and-set. */
  private async held(id: string, workerId: string, what: string, change: QueueChange, changes: (before: PropRow) => PropRow): Promise<CodeGeneration> {
    this.deps.access.requireWorker(`${what} code generations`);
    const { before, after } = await this.deps.store.backend.updateIf('CodeGeneration', checkId(id), { status: GenerationStatus.RUNNING, lockedBy: workerId }, changes);
    if (!before) throw notFound('CodeGeneration', id);
    if (!after) {
      const holder = before.status === GenerationStatus.RUNNING ? 'another worker holds it' : `it is ${String(before.status).toUpperCase()}`;
      throw conflict(`Cannot ${what} code generation ${JSON.stringify(id)}: ${workerId} does not hold it (${holder})`, { reason: 'LEASE_LOST', id });
    }
    this.deps.store.generationChanges.emit('changed', after, change === 'failed' && after.status === GenerationStatus.PENDING ? 'retrying' : change);
    return this.asRead(after);
  }

  private asRead(row: PropRow): CodeGeneration {
    return lightRow(this.deps.scope, CodeGeneration, row);
  }
}
