import {
  DirectiveLocation,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  getNamedType,
  GraphQLDirective,
  GraphQLInt,
  type GraphQLSchema,
  isObjectType,
  type OperationDefinitionNode,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Context } from '../context';
import type { Store } from '../db/store';
import type { Logger } from '../logger';
import { Audience, type Reader } from './fanout';
import type { Invalidation } from './live-events';

/** `query @live { … }`: the query's result, then a new one each time what it read changes. */
export const LiveDirective = new GraphQLDirective({
  name: 'live',
  description:
    'Over WebSocket (graphql-ws), keeps a query live: its result, then the new result whenever a write changes what it read, at most once per `throttle` ms (at least LIVE_THROTTLE_MS). Over HTTP the query runs once.',
  locations: [DirectiveLocation.QUERY],
  args: { throttle: { type: GraphQLInt, description: 'The least time between two results, in ms (raised to LIVE_THROTTLE_MS, at most 60000).' } },
});

/** The longest a client may ask to wait between two results. */
const MAX_THROTTLE_MS = 60_000;

/** `@live` on this operation: the throttle asked for (null when not given), or undefined when the operation is not live. */
export function liveThrottle(operation: OperationDefinitionNode, variables: Record<string, unknown> | null | undefined): number | null | undefined {
  if (operation.operation !== 'query') return undefined;
  const live = operation.directives?.find((d) => d.name.value === 'live');
  if (!live) return undefined;
  const arg = live.arguments?.find((a) => a.name.value === 'throttle');
  const value = arg ? valueFromAST(arg.value, GraphQLInt, variables ?? undefined) : null;
  return typeof value === 'number' ? value : null;
}

/** The rows a type's fields are read from: an entity, its connection and edge types. */
const ENTITIES = new Set(['User', 'Project', 'CodeGeneration', 'ProjectAnalysis', 'AutoSave']);
/** Types that hold no data of their own. */
const NEUTRAL = new Set(['Query', 'PageInfo']);

/** What rows (by type) fields of `type` are read from: null for none, '*' when not known (analytics, interfaces). */
function topicOf(type: string): string | null {
  const entity = type.replace(/(Connection|Edge)$/, '');
  if (ENTITIES.has(entity)) return entity;
  return NEUTRAL.has(type) || type.startsWith('__') ? null : '*';
}

/**
 * The row types an operation reads, from its text alone (fragments included):
 * the types of the fields it selects and of their parents. A type whose data
 * comes from several tables (analytics, Node) makes it depend on everything.
 */
export function topicsOf(schema: GraphQLSchema, document: DocumentNode): Set<string> | '*' {
  const topics = new Set<string>();
  let all = false;
  const info = new TypeInfo(schema);
  const note = (name: string | undefined) => {
    const topic = name ? topicOf(name) : null;
    if (topic === '*') all = true;
    else if (topic) topics.add(topic);
  };
  visit(
    document,
    visitWithTypeInfo(info, {
      Field() {
        note(info.getParentType()?.name);
        const type = info.getType();
        const named = type ? getNamedType(type) : undefined;
        if (named && !isObjectType(named) && !('getFields' in named)) return; // a leaf
        note(named?.name);
      },
    }),
  );
  return all ? '*' : topics;
}

/** Does a write announced as `event` touch what a live query of `owner` (or an admin) over `topics` read? */
export function touches(event: Invalidation, topics: Set<string> | '*', owner: string, admin: boolean): boolean {
  if (!admin && event.owner !== null && event.owner !== owner) return false;
  return topics === '*' || event.topics.some((t) => t === '*' || topics.has(t));
}

/** One live query shared by every subscriber with the same key: run once per change, pushed to all. */
class LiveGroup {
  readonly audience: Audience<ExecutionResult>;
  private last?: string;
  private lastResult?: ExecutionResult;
  private timer?: NodeJS.Timeout;
  private running = false;
  private dirty = false;
  private lastStart = 0;
  private closed = false;

  constructor(
    private readonly registry: LiveQueries,
    readonly key: string,
    private readonly args: ExecutionArgs,
    readonly owner: string,
    readonly admin: boolean,
    readonly topics: Set<string> | '*',
    private readonly throttleMs: number,
  ) {
    this.audience = new Audience(() => registry.remove(this));
  }

  /** A new subscriber gets the current result at once (or the first one when it is ready). */
  join(reader: Reader) {
    const sink = this.audience.add(reader, true);
    if (this.lastResult) sink.push(this.lastResult);
    return sink;
  }

  start(): void {
    void this.run();
  }

  /** Something it read changed: run again, no sooner than the throttle allows. */
  invalidate(): void {
    if (this.closed) return;
    if (this.running || this.timer) {
      this.dirty = true;
      return;
    }
    const wait = Math.max(0, this.lastStart + this.throttleMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, wait);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.audience.end();
  }

  private async run(): Promise<void> {
    this.running = true;
    this.dirty = false;
    this.lastStart = Date.now();
    this.registry.executions++;
    let result: ExecutionResult;
    try {
      // A fresh context per run: its own reads and loaders, so what it reads is current.
      result = await execute({ ...this.args, contextValue: (this.args.contextValue as Context).fresh() });
    } catch (error) {
      this.registry.logger.error('live query failed', { error });
      result = { errors: [error as never] };
    }
    this.running = false;
    if (this.closed) return;
    const text = JSON.stringify(result);
    if (text !== this.last) {
      this.last = text;
      this.lastResult = result;
      this.audience.push(result);
    }
    // No data at all (variables that do not fit): it can never succeed, so it ends.
    if (result.data == null && result.errors?.length) return this.registry.remove(this);
    if (this.dirty) this.invalidate();
  }
}

/**
 * A server's live queries, keyed by caller (user and role), document and
 * variables: identical ones share one execution. They re-run on the writes the
 * gateway announces (Store.changed; with Redis, every instance's), coalesced to
 * at most one run per query per throttle, and a result is pushed only when it
 * differs from the last.
 */
export class LiveQueries {
  private readonly groups = new Map<string, LiveGroup>();
  private readonly stopListening: () => void;
  /** Executions so far (the bench reports them per write). */
  executions = 0;

  constructor(
    store: Store,
    readonly logger: Logger,
    private readonly throttleMs: number,
  ) {
    // A direct listener, not a subscription's queue: a burst of writes can outrun any queue, and a
    // dropped invalidation would leave a live query stale.
    this.stopListening = store.live.listen('changed', 'all', (event) => {
      for (const group of this.groups.values()) {
        if (touches(event, group.topics, group.owner, group.admin)) group.invalidate();
      }
    });
  }

  get size(): number {
    return this.groups.size;
  }

  /** Subscribes to a live query (checked and limited by the caller of this); `operation` gives its execution arguments. */
  join(operation: () => ExecutionArgs, key: string, caller: { id: string; admin: boolean }, asked: number | null, reader: Reader): AsyncIterableIterator<ExecutionResult> {
    let group = this.groups.get(key);
    if (!group) {
      const args = operation(); // with a request context of its own, made only for a new group
      const throttle = Math.min(MAX_THROTTLE_MS, Math.max(this.throttleMs, asked ?? 0));
      group = new LiveGroup(this, key, args, caller.id, caller.admin, topicsOf(args.schema, args.document), throttle);
      this.groups.set(key, group);
      group.start();
    }
    return group.join(reader);
  }

  remove(group: LiveGroup): void {
    if (this.groups.get(group.key) === group) this.groups.delete(group.key);
    group.close();
  }

  close(): void {
    for (const group of [...this.groups.values()]) this.remove(group);
    this.stopListening();
  }
}
