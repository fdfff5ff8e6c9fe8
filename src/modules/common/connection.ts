import { Max, Min, ValidateIf } from 'class-validator';
import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';

import { PAGE } from './page';

export { PAGE };

@ObjectType({ description: 'Where a page sits in the whole list (Relay cursor connections).', simpleResolvers: true })
export class PageInfo {
  @Field({ description: 'True when more items follow this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when items precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page; null when empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page; null when empty.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size forward, 0 to ${PAGE.MAX} (default ${PAGE.DEFAULT}).` })
  @ValidateIf((_o, v) => v != null)
  @Min(0, { message: 'first must not be negative' })
  @Max(PAGE.MAX, { message: `first must be at most ${PAGE.MAX}` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Page size backward, 0 to ${PAGE.MAX}; use with before.` })
  @ValidateIf((_o, v) => v != null)
  @Min(0, { message: 'last must not be negative' })
  @Max(PAGE.MAX, { message: `last must be at most ${PAGE.MAX}` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items before this cursor.' })
  before?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** What services return: edges (and their nodes), page info and a count computed only when the client selects it. */
export interface Page<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  /** Read lazily: the count query runs only when this is read. */
  readonly totalCount: Promise<number> | number;
}

/** Builds the `XConnection` and `XEdge` object types for one node type. */
export function Connection<T extends object>(Node: ClassType<T>, name: string = Node.name) {
  // simpleResolvers: plain property reads, no middleware stack per field (these are resolved 100s of times per page).
  @ObjectType(`${name}Edge`, { description: `One ${name} in a list, with its cursor.`, simpleResolvers: true })
  class EdgeType {
    @Field({ description: 'Opaque cursor to pass as after/before.' })
    cursor!: string;

    @Field(() => Node, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items (Relay cursor connection).`, simpleResolvers: true })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items of this page, in order, each with its cursor.' })
    edges!: EdgeType[];

    @Field(() => [Node], { description: "The items of this page, in order: the edges' nodes, for a client that needs no cursor per item." })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items in the whole list (costs a count query; ask only when needed).' })
    totalCount!: number;
  }
  return ConnectionType;
}
