import type { ServiceDeps } from '../../context';
import { CodeGeneration, GenerationStatus } from '../../entities';
import { badInput, conflict, type DomainError, notFound } from '../../errors/codes';
import type { PropRow } from '../../db/backend/stored-rows';
import type { QueueChange } from '../../db/store';
import { lightRow } from '../../db/light-find';
import { checkId } from '../common/base.service';
import { backoffMs } from './backoff';
import type { ClaimArgs, CompleteArgs, CompleteManyArgs, FailArgs, HeartbeatArgs, HeldArgs } from './queue.inputs';
import type { CompletedGenerations } from './queue.types';

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
    return this.held(args.id, args.workerId, 'complete', 'completed', () => this.completion(args));
  }

  /**
   * Completes many held generations in one write (one transaction on SQL):
   * each is compared and set on its own, so a lost lease rejects that one
   * outcome and stores the others.
   */
  async completeMany(args: CompleteManyArgs): Promise<CompletedGenerations> {
    this.deps.access.requireWorker('complete code generations');
    const ids = args.outputs.map((o) => checkId(o.id));
    if (new Set(ids).size !== ids.length) throw badInput('Each outcome must be for a different generation', { field: 'outputs' });
    const byId = new Map(args.outputs.map((o) => [o.id, o]));
    const results = await this.deps.store.backend.updateEachIf('CodeGeneration', ids, this.holder(args.workerId), (before) => this.completion(byId.get(String(before.id))!));
    const out: CompletedGenerations = { completed: [], rejected: [] };
    results.forEach(({ before, after }, i) => {
      if (after) {
        this.deps.store.generationChanges.emit('changed', after, 'completed');
        out.completed.push(this.asRead(after));
      } else {
        const error = this.refusal(ids[i], args.workerId, 'complete', before);
        out.rejected.push({ id: ids[i], reason: String(error.details.reason ?? error.code), message: error.message });
      }
    });
    return out;
  }

  private completion(output: { generatedCode: string; tokensUsed: number }): PropRow {
    return {
      status: GenerationStatus.COMPLETED,
      generatedCode: output.generatedCode,
      tokensUsed: output.tokensUsed,
      lockedBy: null,
      lockedUntil: null,
      completedAt: this.deps.store.now(),
    };
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
    const { before, after } = await this.deps.store.backend.updateIf('CodeGeneration', checkId(id), this.holder(workerId), changes);
    if (!after) throw this.refusal(id, workerId, what, before);
    this.deps.store.generationChanges.emit('changed', after, change === 'failed' && after.status === GenerationStatus.PENDING ? 'retrying' : change);
    return this.asRead(after);
  }

  /** What a generation `workerId` holds looks like. */
  private holder(workerId: string): PropRow {
    return { status: GenerationStatus.RUNNING, lockedBy: workerId };
  }

  /** Why a compare-and-set on a held generation wrote nothing: NOT_FOUND, or CONFLICT with reason LEASE_LOST. */
  private refusal(id: string, workerId: string, what: string, before: PropRow | null): DomainError {
    if (!before) return notFound('CodeGeneration', id);
    const holder = before.status === GenerationStatus.RUNNING ? 'another worker holds it' : `it is ${String(before.status).toUpperCase()}`;
    return conflict(`Cannot ${what} code generation ${JSON.stringify(id)}: ${workerId} does not hold it (${holder})`, { reason: 'LEASE_LOST', id });
  }

  private asRead(row: PropRow): CodeGeneration {
    return lightRow(this.deps.scope, CodeGeneration, row);
  }
}
