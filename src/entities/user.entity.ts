import { Node } from './node';
import { Collection } from '@mikro-orm/core';
import { Index, Entity, Enum, OneToMany, Property, Unique } from '@mikro-orm/decorators/legacy';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { TimestampedEntity } from './base.entity';
import { UserRole } from './enums';
import { Project } from './project.entity';

@ObjectType({ implements: Node, description: 'A person who uses codeobit; owns projects and autosaves.', simpleResolvers: true })
@Entity({ tableName: 'users' })
// Top-level lists: one index per sort field, id breaking ties (keyset paging).
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['updatedAt', 'id'] })
export class User extends TimestampedEntity<'preferences' | 'role'> {
  @Field({ description: 'Unique handle, 3 to 40 characters of letters, digits, ".", "_" or "-".' })
  @Property({ length: 40 })
  @Unique()
  username!: string;

  @Field({ description: 'Unique email address, stored lower-cased.' })
  @Property({ length: 254 })
  @Unique()
  email!: string;

  /**
   * SHA-256 of the API key. The key itself is never stored: it is returned once
   * by createUser / rotateApiKey. A hash (not bcrypt) suffices because keys are
   * 256-bit random values, and it lets a key be looked up by an index.
   */
  @Property({ length: 64, hidden: true })
  @Unique()
  apiKeyHash!: string;

  @Field({ description: 'First characters of the API key, to tell keys apart without revealing them.' })
  @Property({ length: 16 })
  apiKeyPrefix!: string;

  @Field(() => UserRole, { description: 'What the user may reach (default USER).' })
  @Enum({ items: () => UserRole, length: 10 })
  role: UserRole = UserRole.USER;

  @Field(() => GraphQLJSONObject, { description: 'Free-form user preferences (editor, theme, model...).' })
  @Property({ type: 'json', columnType: 'json' })
  preferences: Record<string, unknown> = {};

  @OneToMany(() => Project, 'owner')
  projects = new Collection<Project>(this);
}
