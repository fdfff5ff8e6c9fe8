import { GraphQLDateTime, GraphQLLocalDate, GraphQLSafeInt } from 'graphql-scalars';
import { ArgsType, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { GenerationStatus, Project } from '../../entities';

@ArgsType()
export class AnalyticsArgs {
  @Field(() => GraphQLDateTime, { description: 'Start of the range; its UTC day is included.' })
  from!: Date;

  @Field(() => GraphQLDateTime, { description: 'End of the range; its UTC day is included (at most 3660 days after from).' })
  to!: Date;

  @Field(() => ID, { nullable: true, description: 'Only this project (which you must be able to reach).' })
  projectId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this user's projects (yourself, or anyone for an admin)." })
  userId?: string | null;
}

@ObjectType({ description: 'Code generations with one status.', simpleResolvers: true })
export class StatusCount {
  @Field(() => GenerationStatus, { description: 'The status.' })
  status!: GenerationStatus;

  @Field(() => Int, { description: 'How many generations have it.' })
  count!: number;
}

@ObjectType({ description: 'Tokens and generations on one UTC day.', simpleResolvers: true })
export class DayTokens {
  @Field(() => GraphQLLocalDate, { description: 'UTC day, YYYY-MM-DD.' })
  day!: string;

  @Field(() => Int, { description: 'Code generations created that day.' })
  generations!: number;

  @Field(() => GraphQLSafeInt, { description: 'Tokens they used. Sums can pass 2^31, so SafeInt: exact up to 2^53.' })
  tokensUsed!: number;
}

@ObjectType({ description: 'Usage of one language or framework.', simpleResolvers: true })
export class BreakdownRow {
  @Field(() => String, { nullable: true, description: 'The language or framework; null for generations without a framework.' })
  name!: string | null;

  @Field(() => Int, { description: 'Code generations.' })
  count!: number;

  @Field(() => GraphQLSafeInt, { description: 'Tokens used. Sums can pass 2^31, so SafeInt: exact up to 2^53.' })
  tokensUsed!: number;

  @Field(() => Float, { nullable: true, description: 'completed / (completed + failed), exact (not rounded), 0 to 1; null when none finished.' })
  successRate!: number | null;
}

@ObjectType({ description: 'Health scores of the analyses of one UTC day.', simpleResolvers: true })
export class HealthDay {
  @Field(() => GraphQLLocalDate, { description: 'UTC day, YYYY-MM-DD.' })
  day!: string;

  @Field(() => Int, { description: 'Analyses that day.' })
  analyses!: number;

  @Field(() => Float, { description: 'Average health score (sum / count).' })
  average!: number;

  @Field(() => Int, { description: 'Lowest health score.' })
  min!: number;

  @Field(() => Int, { description: 'Highest health score.' })
  max!: number;
}

@ObjectType({ description: 'A project and how many code generations it had in the range.', simpleResolvers: true })
export class ProjectActivity {
  @Field(() => Project, { description: 'The project.' })
  project!: Project;

  @Field(() => Int, { description: 'Code generations in the range.' })
  generations!: number;

  @Field(() => GraphQLSafeInt, { description: 'Tokens they used. Sums can pass 2^31, so SafeInt: exact up to 2^53.' })
  tokensUsed!: number;
}

@ObjectType({
  description:
    'Queue times of the code generations created on one UTC day that a worker finished (startedAt and completedAt set: COMPLETED, or FAILED for good after a claim). Exact: totals over those generations, averages as total / finished.',
  simpleResolvers: true,
})
export class DayQueueTimes {
  @Field(() => GraphQLLocalDate, { description: 'UTC day the generations were created, YYYY-MM-DD.' })
  day!: string;

  @Field(() => Int, { description: 'Generations of that day a worker finished: what the times cover.' })
  finished!: number;

  @Field(() => Float, { description: 'Seconds from creation to the start of the attempt that finished each (earlier attempts and backoffs included), summed.' })
  waitSeconds!: number;

  @Field(() => Float, { description: 'Seconds from that start to completedAt, summed.' })
  runSeconds!: number;

  @Field(() => Float, { description: 'waitSeconds / finished.' })
  averageWaitSeconds!: number;

  @Field(() => Float, { description: 'runSeconds / finished.' })
  averageRunSeconds!: number;
}

@ObjectType({ description: 'Numbers over a date range for one project, one user, or everything you may see; computed by the database.', simpleResolvers: true })
export class Analytics {
  @Field(() => GraphQLLocalDate, { description: 'First UTC day included, YYYY-MM-DD.' })
  fromDay!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last UTC day included, YYYY-MM-DD.' })
  toDay!: string;

  @Field(() => Int, { description: 'Code generations created in the range.' })
  generations!: number;

  @Field(() => [StatusCount], { description: 'Code generations per status (every status, zero included).' })
  byStatus!: StatusCount[];

  @Field(() => Float, { nullable: true, description: 'completed / (completed + failed), exact (not rounded), 0 to 1; null when none finished.' })
  successRate!: number | null;

  @Field(() => GraphQLSafeInt, { description: 'Tokens used in the range. Sums can pass 2^31, so SafeInt: exact up to 2^53.' })
  tokensUsed!: number;

  @Field(() => [DayTokens], { description: 'Tokens and generations per day, days with none left out, oldest first.' })
  perDay!: DayTokens[];

  @Field(() => [DayQueueTimes], { description: 'Queue wait and run times per day of creation, days where no generation was finished left out, oldest first.' })
  queueTimes!: DayQueueTimes[];

  @Field(() => [BreakdownRow], { description: 'Per language, most used first.' })
  byLanguage!: BreakdownRow[];

  @Field(() => [BreakdownRow], { description: 'Per framework, most used first.' })
  byFramework!: BreakdownRow[];

  @Field(() => [HealthDay], { description: 'Health score trend: average, min and max per day, oldest first.' })
  healthTrend!: HealthDay[];

  @Field(() => [ProjectActivity], { description: 'The (at most 10) projects with the most code generations in the range.' })
  mostActiveProjects!: ProjectActivity[];
}
