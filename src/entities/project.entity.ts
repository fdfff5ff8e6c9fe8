import { Node } from './node';
import { Collection, Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, OneToMany, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { TimestampedEntity } from './base.entity';
import { CodeGeneration } from './code-generation.entity';
import { ProjectStatus, ProjectType } from './enums';
import { ProjectAnalysis } from './project-analysis.entity';
import { User } from './user.entity';

@ObjectType({ implements: Node, description: 'A development project owned by one user.', simpleResolvers: true })
@Entity({ tableName: 'projects' })
// Top-level lists: one index per sort field, id breaking ties (keyset paging).
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['updatedAt', 'id'] })
@Index({ properties: ['name', 'id'] })
@Index({ properties: ['status', 'id'] })
@Index({ properties: ['owner', 'createdAt', 'id'] })
export class Project extends TimestampedEntity<'description' | 'config' | 'status' | 'projectType'> {
  @Field({ description: 'Display name, 1 to 200 characters.' })
  @Property({ length: 200 })
  name!: string;

  @Field({ description: 'What the project is about; empty string when not given.' })
  @Property({ type: 'text' })
  description: string = '';

  @Field(() => ProjectType, { description: 'What kind of software the project builds (default OTHER).' })
  @Enum({ items: () => ProjectType, length: 20 })
  projectType: ProjectType = ProjectType.OTHER;

  @Field(() => ProjectStatus, { description: 'Lifecycle status (default DRAFT).' })
  @Enum({ items: () => ProjectStatus, length: 20 })
  @Index()
  status: ProjectStatus = ProjectStatus.DRAFT;

  @Field(() => GraphQLJSONObject, { description: 'Free-form project configuration.' })
  @Property({ type: 'json', columnType: 'json' })
  config: Record<string, unknown> = {};

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade', updateRule: 'cascade' })
  owner!: Ref<User>;

  @OneToMany(() => CodeGeneration, 'project')
  codeGenerations = new Collection<CodeGeneration>(this);

  @OneToMany(() => ProjectAnalysis, 'project')
  analyses = new Collection<ProjectAnalysis>(this);
}
