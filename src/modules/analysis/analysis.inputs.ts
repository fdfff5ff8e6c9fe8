import { IsInt, IsUUID, Max, Min, IsOptional } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../common/connection';
import { DateTimeFilter, IdFilter, IntFilter, OrderInput, TIME_SORT } from '../common/filters';
import { registerEnumType } from 'type-graphql';

import { IsJsonObject, IsOmittable } from '../common/validators';

const MAX_COUNT = 10_000_000;

@InputType({ description: 'A new analysis of a project.' })
export class CreateProjectAnalysisInput {
  @Field(() => ID, { description: 'The project analysed.' })
  @IsUUID('all', { message: 'projectId must be a valid id (UUID)' })
  projectId!: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The full report; default {}.' })
  @IsOptional()
  @IsJsonObject()
  analysisData?: Record<string, unknown>;

  @Field(() => Int, { description: 'Health score, 0 to 100.' })
  @IsInt()
  @Min(0)
  @Max(100)
  healthScore!: number;

  @Field(() => Int, { nullable: true, description: `Issues found, 0 to ${MAX_COUNT}; default 0.` })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  issuesCount?: number;

  @Field(() => Int, { nullable: true, description: `Warnings found, 0 to ${MAX_COUNT}; default 0.` })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  warningsCount?: number;
}

@InputType({ description: 'Changes to an analysis; omitted fields stay as they are.' })
export class UpdateProjectAnalysisInput {
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Replaces the report as a whole.' })
  @IsOmittable()
  @IsJsonObject()
  analysisData?: Record<string, unknown>;

  @Field(() => Int, { nullable: true, description: 'New health score, 0 to 100.' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(100)
  healthScore?: number;

  @Field(() => Int, { nullable: true, description: 'New issue count.' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  issuesCount?: number;

  @Field(() => Int, { nullable: true, description: 'New warning count.' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  warningsCount?: number;
}

export const ProjectAnalysisSortField = { ...TIME_SORT, HEALTH_SCORE: 'healthScore' } as const;
registerEnumType(ProjectAnalysisSortField, { name: 'ProjectAnalysisSortField', description: 'Fields analyses can be sorted by.' });
export const ProjectAnalysisOrder = OrderInput(ProjectAnalysisSortField, 'ProjectAnalysisOrder');

@InputType({ description: 'Conditions on analyses; all given ones must hold (combine with AND / OR).' })
export class ProjectAnalysisFilter {
  @Field(() => [ProjectAnalysisFilter], { nullable: true, description: 'All of these.' })
  AND?: ProjectAnalysisFilter[];

  @Field(() => [ProjectAnalysisFilter], { nullable: true, description: 'Any of these.' })
  OR?: ProjectAnalysisFilter[];

  @Field(() => IdFilter, { nullable: true, description: 'Analysis id.' })
  id?: IdFilter;

  @Field(() => IdFilter, { nullable: true, description: 'Project id.' })
  projectId?: IdFilter;

  @Field(() => IntFilter, { nullable: true, description: 'Health score.' })
  healthScore?: IntFilter;

  @Field(() => IntFilter, { nullable: true, description: 'Issues found.' })
  issuesCount?: IntFilter;

  @Field(() => DateTimeFilter, { nullable: true, description: 'Creation time.' })
  createdAt?: DateTimeFilter;

  @Field(() => DateTimeFilter, { nullable: true, description: 'Last change.' })
  updatedAt?: DateTimeFilter;
}

export const ANALYSIS_FILTER_SPEC = {
  id: { prop: 'id', kind: 'id' },
  projectId: { prop: 'project', kind: 'id' },
  healthScore: { prop: 'healthScore', kind: 'int' },
  issuesCount: { prop: 'issuesCount', kind: 'int' },
  createdAt: { prop: 'createdAt', kind: 'date' },
  updatedAt: { prop: 'updatedAt', kind: 'date' },
} as const;

@ArgsType()
export class ProjectAnalysisListArgs extends PageArgs {
  @Field(() => ProjectAnalysisFilter, { nullable: true, description: 'Typed conditions, evaluated by the database.' })
  filter?: ProjectAnalysisFilter | null;

  @Field(() => ProjectAnalysisOrder, { nullable: true, description: 'Sort order (default: creation time, ascending).' })
  orderBy?: InstanceType<typeof ProjectAnalysisOrder> | null;
}

@ArgsType()
export class ProjectAnalysesArgs extends ProjectAnalysisListArgs {
  @Field(() => ID, { nullable: true, description: 'Only analyses of this project.' })
  projectId?: string | null;
}
