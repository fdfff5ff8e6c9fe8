import { Node } from './node';
import { Ref } from '@mikro-orm/core';
import { BeforeCreate, Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { TimestampedEntity } from './base.entity';
import { Project } from './project.entity';

@ObjectType({ implements: Node, description: 'A health check of a project at one point in time.', simpleResolvers: true })
@Entity({ tableName: 'project_analyses' })
// Top-level lists: one index per sort field, id breaking ties (keyset paging).
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['updatedAt', 'id'] })
@Index({ properties: ['healthScore', 'id'] })
@Index({ properties: ['project', 'createdAt', 'id'] })
@Index({ properties: ['day'] })
@Index({ properties: ['project', 'day'] })
export class ProjectAnalysis extends TimestampedEntity<'day' | 'analysisData' | 'issuesCount' | 'warningsCount'> {
  @Field(() => GraphQLJSONObject, { description: "The analyser's full report." })
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
