import { Ref } from '@mikro-orm/core';
import { BeforeCreate, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { TimestampedEntity } from './base.entity';
import { GenerationStatus } from './enums';
import { Project } from './project.entity';

@ObjectType({ description: 'One request to generate code for a project, and its result.', simpleResolvers: true })
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
export class CodeGeneration extends TimestampedEntity<'day' | 'framework' | 'generatedCode' | 'status' | 'tokensUsed'> {
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
