import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * Shared by every entity: a UUID string id made in code (the same kind of value
 * on SQLite, PostgreSQL and MongoDB, where the naming strategy stores it as _id)
 * and a creation time with millisecond precision on every backend.
 */
@ObjectType()
export abstract class BaseEntity<Optional = never> {
  [OptionalProps]?: 'createdAt' | Optional;

  @Field(() => ID, { description: 'Stable unique identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => GraphQLDateTime, { description: 'When the record was created (UTC, millisecond precision).' })
  @Property({ type: Date, length: 3 })
  createdAt: Date = new Date();
}

/** An entity that can change after creation and records when it last did. */
@ObjectType()
export abstract class TimestampedEntity<Optional = never> extends BaseEntity<'updatedAt' | Optional> {
  @Field(() => GraphQLDateTime, { description: 'When the record last changed (UTC, millisecond precision).' })
  @Property({ type: Date, length: 3, onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
