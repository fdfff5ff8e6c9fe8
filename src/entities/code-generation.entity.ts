import { Node } from './node';
import { Ref } from '@mikro-orm/core';
import { BeforeCreate, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { TimestampedEntity } from './base.entity';
import { GenerationStatus } from './enums';
import { Project } from './project.entity';

@ObjectType({ implements: Node, description: 'One request to generate code for a project, and its result.', simpleResolvers: true })
@Entity({ tableName: 'code_generations' })
// Top-level lists: one index per sort field, id breaking ties (keyset paging).
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['updatedAt', 'id'] })
@Index({ properties: ['tokensUsed', 'id'] })
@Index({ properties: ['status', 'id'] })
@Index({ properties: ['project', 'createdAt', 'id'] })
@Index({ properties: ['day'] })
@Index({ properties: ['project', 'day'] })
@Index({ properties: ['status', 'createdAt', 'id'] })
// The work queue (see src/modules/queue): due work by priority, then oldest; expired leases.
@Index({
  name: 'code_generations_claim_index',
  properties: ['status', 'priority', 'createdAt', 'id'],
  columns: [{ name: 'status' }, { name: 'priority', sort: 'DESC' }, { name: 'created_at' }, { name: 'id' }],
})
@Index({ properties: ['status', 'lockedUntil'] })
export class CodeGeneration extends TimestampedEntity<
  'day' | 'framework' | 'generatedCode' | 'status' | 'tokensUsed' | 'priority' | 'attempts' | 'maxAttempts' | 'runAfter' | 'lockedBy' | 'lockedUntil' | 'lastError' | 'startedAt' | 'completedAt'
> {
  @Field({ description: 'What was asked for, in natural language.' })
  @Property({ type: 'text' })
  specification!: string;

  @Field({ description: 'Target programming language, e.g. "typescript".' })
  @Property({ length: 40 })
  language!: string;

  @Field(() => String, { nullable: true, description: 'Target framework, e.g. "express"; null when none.' })
  @Property({ length: 60, nullable: true })
  framework: string | null = null;

  @Field(() => String, { nullable: true, description: 'The generated source; null until the generation completes.' })
  @Property({ type: 'text', nullable: true })
  generatedCode: string | null = null;

  @Field(() => GenerationStatus, { description: 'Progress of the generation (default PENDING).' })
  @Enum({ items: () => GenerationStatus, length: 20 })
  status: GenerationStatus = GenerationStatus.PENDING;

  @Field(() => Int, { description: 'Model tokens consumed, 0 or more.' })
  @Property({ type: 'integer' })
  tokensUsed: number = 0;

  @Field(() => Int, { description: 'Queue order: higher is claimed first (default 0), then the oldest.' })
  @Property({ type: 'integer' })
  priority: number = 0;

  @Field(() => Int, { description: 'Times a worker has claimed it.' })
  @Property({ type: 'integer' })
  attempts: number = 0;

  @Field(() => Int, { description: 'Claims allowed before a failure is final (default 3).' })
  @Property({ type: 'integer' })
  maxAttempts: number = 3;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Not claimed before this time (set by a retry, with backoff); null: claimable at once.' })
  @Property({ type: Date, length: 3, nullable: true })
  runAfter: Date | null = null;

  @Field(() => String, { nullable: true, description: 'The worker holding it while RUNNING; null otherwise.' })
  @Property({ length: 200, nullable: true })
  lockedBy: string | null = null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the lease of the holding worker ends; after that another worker may claim it.' })
  @Property({ type: Date, length: 3, nullable: true })
  lockedUntil: Date | null = null;

  @Field(() => String, { nullable: true, description: 'The error of the last failed attempt, kept after a retry or a final failure.' })
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the last attempt was claimed.' })
  @Property({ type: Date, length: 3, nullable: true })
  startedAt: Date | null = null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it reached COMPLETED or FAILED for good.' })
  @Property({ type: Date, length: 3, nullable: true })
  completedAt: Date | null = null;

  @ManyToOne(() => Project, { ref: true, deleteRule: 'cascade', updateRule: 'cascade' })
  project!: Ref<Project>;

  /**
   * UTC calendar day of createdAt (YYYY-MM-DD), kept on the row so analytics can
   * group by day on every backend (FerretDB has no date operators).
   */
  @Property({ length: 10 })
  day: string = '';

  @BeforeCreate()
  protected setDay(): void {
    this.day = this.createdAt.toISOString().slice(0, 10);
  }
}
