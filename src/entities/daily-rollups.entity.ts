import { Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Project } from './project.entity';

/** What every rollup row has: its key (spelled out, see src/db/backend/rollup-deltas.ts), its UTC day and its scope. */
abstract class DailyRollup {
  @PrimaryKey({ length: 200 })
  id!: string;

  @Property({ length: 10 })
  day!: string;

  /** Null on the rows that count every project (what an admin's analytics reads). */
  @ManyToOne(() => Project, { ref: true, deleteRule: 'cascade', updateRule: 'cascade', nullable: true })
  project: Ref<Project> | null = null;
}

/**
 * Analytics rollups: derived data, one row per UTC day and scope (a project, or
 * every project) and, for generations, per language, framework and status, kept up to date by the same
 * write as the rows they count (see src/db/backend/rollup-deltas.ts) and rebuilt from
 * scratch by `codeobit db rollups --rebuild`. Analytics reads these instead of
 * scanning code generations and analyses. Not in backups: restore rebuilds them.
 *
 * The id spells the key out (see generationKey), so every backend upserts by primary key.
 */
@Entity({ tableName: 'generation_daily' })
@Index({ properties: ['day'] })
@Index({ properties: ['project', 'day'] })
export class GenerationDaily extends DailyRollup {
  @Property({ length: 40 })
  language!: string;

  @Property({ length: 60, nullable: true })
  framework: string | null = null;

  @Property({ length: 20 })
  status!: string;

  @Property({ type: 'integer' })
  generations: number = 0;

  @Property({ type: 'bigint', runtimeType: 'number', defaultRaw: '0' })
  tokensUsed: number = 0;

  /** Of these, the ones a worker finished (startedAt and completedAt set): what waitMs and runMs sum over. */
  @Property({ type: 'integer', defaultRaw: '0' })
  timed: number = 0;

  /** Their milliseconds from creation to the start of the attempt that finished them. */
  @Property({ type: 'bigint', runtimeType: 'number', defaultRaw: '0' })
  waitMs: number = 0;

  /** Their milliseconds from that start to completedAt. */
  @Property({ type: 'bigint', runtimeType: 'number', defaultRaw: '0' })
  runMs: number = 0;
}

/**
 * Analyses of one UTC day and scope with one health score: how many, and the
 * sum of their scores. A day's count, average, min and max follow from its rows;
 * kept per score (not as a min and a max) so that every write moves the rows by
 * an increment, which concurrent writes cannot get wrong.
 */
@Entity({ tableName: 'health_daily' })
@Index({ properties: ['day'] })
@Index({ properties: ['project', 'day'] })
export class HealthDaily extends DailyRollup {
  @Property({ type: 'integer' })
  score: number = 0;

  @Property({ type: 'integer' })
  analyses: number = 0;

  @Property({ type: 'bigint', runtimeType: 'number', defaultRaw: '0' })
  scoreSum: number = 0;
}
