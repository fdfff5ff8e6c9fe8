import { Entity, Index, ManyToOne, Property, Ref } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { TimestampedEntity } from './base.entity';
import { Project } from './project.entity';

@ObjectType({ description: 'A health check of a project at one point in time.' })
@Entity({ tableName: 'project_analyses' })
@Index({ properties: ['project', 'createdAt', 'id'] })
export class ProjectAnalysis extends TimestampedEntity<'analysisData' | 'issuesCount' | 'warningsCount'> {
  @Field(() => GraphQLJSONObject, { description: 'The analyser\'s full report.' })
  @Property({ type: 'json', columnType: 'json' })
  analysisData: Record<string, unknown> = {};

  @Field(() => Int, { description: 'Overall health, 0 (worst) to 100 (best).' })
  @Property({ type: 'integer' })
  healthScore!: number;

  @Field(() => Int, { description: 'Number of issues found, 0 or more.' })
  @Property({ type: 'integer' })
  issuesCount: number = 0;

  @Field(() => Int, { description: 'Number of warnings found, 0 or more.' })
  @Property({ type: 'integer' })
  warningsCount: number = 0;

  @ManyToOne(() => Project, { ref: true, deleteRule: 'cascade' })
  project!: Ref<Project>;
}
