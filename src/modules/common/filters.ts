import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, InputType, Int, registerEnumType, type ClassType } from 'type-graphql';
import type { Backend } from '../../db/backend/backend';
import { badInput } from '../../errors/codes';
import { isStorableText } from './validators';
import type { SortKey } from './paginate';

/** How far AND/OR may nest, and how many values an `in` list may hold. */
export const FILTER_LIMITS = { depth: 5, inValues: 100, text: 200, conditions: 50 } as const;

export enum SortDirection {
  ASC = 'asc',
  DESC = 'desc',
}
registerEnumType(SortDirection, { name: 'SortDirection', description: 'Ascending or descending; ties are broken by id in the same direction.' });

@InputType({ description: 'Conditions on a text field; all given ones must hold.' })
export class StringFilter {
  @Field(() => String, { nullable: true, description: 'Exactly this value.' })
  eq?: string | null;

  @Field(() => [String], { nullable: true, description: `Any of these values (at most ${FILTER_LIMITS.inValues}).` })
  in?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Contains this text, case-insensitively (no wildcards: % and _ match themselves).' })
  contains?: string | null;
}

@InputType({ description: 'Conditions on an id.' })
export class IdFilter {
  @Field(() => ID, { nullable: true, description: 'Exactly this id.' })
  eq?: string | null;

  @Field(() => [ID], { nullable: true, description: `Any of these ids (at most ${FILTER_LIMITS.inValues}).` })
  in?: string[] | null;
}

@InputType({ description: 'Conditions on a whole number; all given ones must hold.' })
export class IntFilter {
  @Field(() => Int, { nullable: true, description: 'Equal to.' })
  eq?: number | null;

  @Field(() => Int, { nullable: true, description: 'Greater than.' })
  gt?: number | null;

  @Field(() => Int, { nullable: true, description: 'Greater than or equal to.' })
  gte?: number | null;

  @Field(() => Int, { nullable: true, description: 'Less than.' })
  lt?: number | null;

  @Field(() => Int, { nullable: true, description: 'Less than or equal to.' })
  lte?: number | null;
}

@InputType({ description: 'A time range; all given bounds must hold.' })
export class DateTimeFilter {
  @Field(() => GraphQLDateTime, { nullable: true, description: 'After this instant.' })
  gt?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'At or after this instant.' })
  gte?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Before this instant.' })
  lt?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'At or before this instant.' })
  lte?: Date | null;
}

/** `{ eq, in }` for one enum type. */
export function EnumFilter<E extends object>(enumType: E, name: string): ClassType<{ eq?: unknown; in?: unknown[] }> {
  @InputType(name, { description: `Conditions on a ${name.replace(/Filter$/, '')} value.` })
  class Filter {
    @Field(() => enumType, { nullable: true, description: 'Exactly this value.' })
    eq?: unknown;

    @Field(() => [enumType], { nullable: true, description: 'Any of these values.' })
    in?: unknown[];
  }
  return Filter;
}

export type FieldKind = 'string' | 'id' | 'int' | 'date' | 'enum';

/** How each filter field maps to an entity property. */
export type FilterSpec = Record<string, { prop: string; kind: FieldKind }>;

/**
 * Turns a typed filter into a MikroORM query, evaluated by the database on every
 * backend. Values are always values: GraphQL typed them, so no client string can
 * become an operator; `contains` uses strpos/instr on SQL (no LIKE wildcards) and
 * an escaped, case-insensitive regular expression on MongoDB.
 */
export function translateFilter(
  filter: Record<string, unknown> | null | undefined,
  spec: FilterSpec,
  backend: Pick<Backend, 'containsText'>,
  columnOf: (prop: string) => string,
): Record<string, unknown> {
  let conditions = 0;
  const walk = (f: Record<string, unknown>, depth: number): Record<string, unknown> => {
    if (depth > FILTER_LIMITS.depth) throw badInput(`filter nests AND/OR deeper than ${FILTER_LIMITS.depth} levels`);
    const parts: Record<string, unknown>[] = [];
    for (const [key, value] of Object.entries(f)) {
      if (value == null) continue;
      if (key === 'AND' || key === 'OR') {
        // An empty filter matches every row: it drops out of an AND, and makes an OR match everything
        // (said here, once, rather than left to each database's reading of `$or: [{}]`).
        const list = (value as Record<string, unknown>[]).map((x) => walk(x, depth + 1));
        const nonEmpty = list.filter((x) => Reflect.ownKeys(x).length > 0);
        if (key === 'AND' ? nonEmpty.length === 0 : nonEmpty.length < list.length || list.length === 0) continue;
        parts.push({ [key === 'AND' ? '$and' : '$or']: nonEmpty });
        continue;
      }
      const field = spec[key];
      if (!field) throw badInput(`filter field ${key} is not supported`);
      for (const [op, operand] of Object.entries(value as Record<string, unknown>)) {
        if (operand == null) continue;
        if (++conditions > FILTER_LIMITS.conditions) throw badInput(`filter has more than ${FILTER_LIMITS.conditions} conditions`);
        parts.push(condition(field.prop, field.kind, op, operand, key));
      }
    }
    return parts.length === 0 ? {} : parts.length === 1 ? parts[0] : { $and: parts };
  };

  const condition = (prop: string, kind: FieldKind, op: string, operand: unknown, key: string): Record<string, unknown> => {
    if (op === 'in') {
      const list = operand as unknown[];
      if (list.length > FILTER_LIMITS.inValues) throw badInput(`filter ${key}.in has more than ${FILTER_LIMITS.inValues} values`);
      list.forEach((v) => check(kind, v, key));
      return { [prop]: { $in: list.map((v) => normalise(kind, v)) } };
    }
    check(kind, operand, key);
    if (op === 'contains') return backend.containsText(prop, columnOf(prop), operand as string);
    if (op === 'eq') return { [prop]: normalise(kind, operand) };
    return { [prop]: { [`$${op}`]: operand } };
  };

  return filter ? walk(filter, 1) : {};
}

function check(kind: FieldKind, value: unknown, key: string) {
  if (kind === 'string' && (typeof value !== 'string' || value.length > FILTER_LIMITS.text || !isStorableText(value))) {
    throw badInput(`filter ${key} must be text of at most ${FILTER_LIMITS.text} characters`);
  }
  if (kind === 'id' && (typeof value !== 'string' || !/^[0-9a-f-]{36}$/i.test(value))) throw badInput(`filter ${key} must be a valid id (UUID)`);
}

const normalise = (kind: FieldKind, value: unknown) => (kind === 'id' ? String(value).toLowerCase() : value);

/** `orderBy` input as the sort key paginate() uses. */
export function sortKey(order: { field: string; direction?: SortDirection | null } | null | undefined): SortKey | undefined {
  return order ? { field: order.field, direction: order.direction ?? SortDirection.ASC } : undefined;
}

/** `{ field, direction }` input for one entity's sortable fields. */
export function OrderInput<E extends object>(fieldEnum: E, name: string): ClassType<{ field: string; direction?: SortDirection | null }> {
  @InputType(name, { description: 'Sort order of a list; ties are broken by id.' })
  class Order {
    @Field(() => fieldEnum, { description: 'The field to sort by.' })
    field!: string;

    @Field(() => SortDirection, { nullable: true, defaultValue: SortDirection.ASC, description: 'ASC (default) or DESC.' })
    direction?: SortDirection | null;
  }
  return Order;
}

/** Sort fields every entity shares. */
export const TIME_SORT = { CREATED_AT: 'createdAt', UPDATED_AT: 'updatedAt' } as const;
