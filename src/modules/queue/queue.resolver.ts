import { Args, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { CodeGeneration } from '../../entities';
import { ClaimArgs, CompleteArgs, CompleteManyArgs, FailArgs, HeartbeatArgs, HeldArgs } from './queue.inputs';
import { CompletedGenerations } from './queue.types';

/** The work queue (see QueueService): for WORKER keys and admins. */
@Resolver()
export class QueueResolver {
  @Mutation(() => [CodeGeneration], {
    description:
      'Takes up to `limit` claimable code generations (PENDING and due, or RUNNING with an expired lease), highest priority first, then oldest: each becomes RUNNING, held by `workerId` until `leaseSeconds` from now, attempts + 1. Every generation goes to exactly one claimer. Empty when there is no work.',
  })
  claimCodeGenerations(@Args() args: ClaimArgs, @Ctx() ctx: Context) {
    return ctx.queue.claim(args);
  }

  @Mutation(() => CodeGeneration, { description: 'Extends the lease on a generation `workerId` holds. CONFLICT (reason LEASE_LOST) when it no longer holds it.' })
  heartbeat(@Args() args: HeartbeatArgs, @Ctx() ctx: Context) {
    return ctx.queue.heartbeat(args);
  }

  @Mutation(() => CodeGeneration, { description: 'Stores the result of a generation `workerId` holds: COMPLETED. CONFLICT (reason LEASE_LOST) and nothing changed when it no longer holds it.' })
  completeCodeGeneration(@Args() args: CompleteArgs, @Ctx() ctx: Context) {
    return ctx.queue.complete(args);
  }

  @Mutation(() => CompletedGenerations, {
    description:
      'Stores the results of up to 100 generations `workerId` holds, in one write: each outcome is completed or rejected on its own (a lost lease rejects that one, with reason LEASE_LOST, and stores the rest). One request instead of one per generation, for workers that finish work in batches.',
  })
  completeCodeGenerations(@Args() args: CompleteManyArgs, @Ctx() ctx: Context) {
    return ctx.queue.completeMany(args);
  }

  @Mutation(() => CodeGeneration, {
    description:
      'Records a failed attempt of a generation `workerId` holds: back to PENDING, claimable after a backoff (base × 2^(attempts − 1), capped, with jitter), or FAILED for good when not retryable or after maxAttempts. lastError keeps `error`. CONFLICT (reason LEASE_LOST) when it no longer holds it.',
  })
  failCodeGeneration(@Args() args: FailArgs, @Ctx() ctx: Context) {
    return ctx.queue.fail(args);
  }

  @Mutation(() => CodeGeneration, {
    description:
      'Gives back a generation `workerId` holds without an outcome (e.g. shutting down): PENDING, claimable at once, the attempt not counted. CONFLICT (reason LEASE_LOST) when it no longer holds it.',
  })
  releaseCodeGeneration(@Args() args: HeldArgs, @Ctx() ctx: Context) {
    return ctx.queue.release(args);
  }
}
