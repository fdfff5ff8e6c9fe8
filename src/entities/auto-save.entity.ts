import { Node } from './node';
import { Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { TimestampedEntity } from './base.entity';
import { SaveType } from './enums';
import { User } from './user.entity';

@ObjectType({ implements: Node, description: 'A snapshot of a file taken while someone works on it.', simpleResolvers: true })
@Entity({ tableName: 'auto_saves' })
// Top-level lists: one index per sort field, id breaking ties (keyset paging).
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['updatedAt', 'id'] })
@Index({ properties: ['user', 'createdAt', 'id'] })
@Index({ properties: ['saveId'] })
export class AutoSave extends TimestampedEntity<'metadata' | 'saveType' | 'sizeChars'> {
  @Field({ description: 'Client-chosen identifier grouping the snapshots of one editing session.' })
  @Property({ length: 100 })
  saveId!: string;

  @Field({ description: 'Path of the saved file, relative to the workspace.' })
  @Property({ length: 1024 })
  filePath!: string;

  @Field({ description: 'Full text of the file at save time.' })
  @Property({ type: 'text' })
  content!: string;

  @Field(() => SaveType, { description: 'Why the snapshot was taken (default AUTO).' })
  @Enum({ items: () => SaveType, length: 20 })
  saveType: SaveType = SaveType.AUTO;

  @Field(() => GraphQLJSONObject, { description: 'Free-form data about the save (editor, cursor...).' })
  @Property({ type: 'json', columnType: 'json' })
  metadata: Record<string, unknown> = {};

  /** Derived from content by the server (Unicode code points), never taken from the client. */
  @Field(() => Int, { description: 'Length of content in Unicode characters, computed by the server.' })
  @Property({ type: 'integer' })
  sizeChars: number = 0;

  /** The user who made the save; deleting the user deletes their autosaves. */
  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade', updateRule: 'cascade' })
  user!: Ref<User>;
}
