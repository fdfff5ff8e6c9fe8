import { Field, ID, ObjectType } from 'type-graphql';
import { CodeGeneration } from '../../entities';

@ObjectType({ description: 'One outcome completeCodeGenerations did not store, and why.', simpleResolvers: true })
export class QueueRejection {
  @Field(() => ID, { description: 'The generation the outcome was for.' })
  id!: string;

  @Field({ description: 'LEASE_LOST: the worker no longer holds it (nothing changed); NOT_FOUND: there is no such generation.' })
  reason!: string;

  @Field({ description: 'What went wrong, for people (the same words the single mutations use).' })
  message!: string;
}

@ObjectType({ description: 'What completeCodeGenerations stored: every outcome is either completed or rejected.', simpleResolvers: true })
export class CompletedGenerations {
  @Field(() => [CodeGeneration], { description: 'The generations now COMPLETED, in the order of the outcomes.' })
  completed!: CodeGeneration[];

  @Field(() => [QueueRejection], { description: 'Outcomes not stored (the others were).' })
  rejected!: QueueRejection[];
}
