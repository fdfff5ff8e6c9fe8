import { Arg, Ctx, Field, FieldResolver, ID, ObjectType, registerEnumType, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../context';
import { AutoSave, CodeGeneration, GenerationStatus, Project, ProjectAnalysis } from '../entities';
import { notFound } from '../errors/codes';
import { checkId } from '../modules/common/base.service';
import type { AnalysisEvent, AutoSaveEvent, GenerationEvent, LiveChannels, ProjectEvent } from './live-events';
import { filterStream } from './streams';

export enum RowChange {
  CREATED = 'created',
  UPDATED = 'updated',
  DELETED = 'deleted',
}
registerEnumType(RowChange, { name: 'RowChange', description: 'How a row changed.' });

@ObjectType({ description: 'A code generation of a project was created, changed (queue transitions included) or deleted.' })
export class CodeGenerationEvent {
  @Field(() => RowChange, { description: 'Created, updated or deleted.' })
  change!: RowChange;

  @Field(() => ID, { description: 'The generation.' })
  id!: string;

  @Field(() => GenerationStatus, { description: 'Its status after the change (before it, for a delete).' })
  status!: GenerationStatus;
}

@ObjectType('ProjectEvent', { description: 'A project was changed or deleted.' })
export class ProjectEventType {
  @Field(() => RowChange, { description: 'Updated or deleted.' })
  change!: RowChange;

  @Field(() => ID, { description: 'The project.' })
  id!: string;
}

/** A project event's project, read when the event is delivered. */
@Resolver(() => ProjectEventType)
export class ProjectEventResolver {
  @FieldResolver(() => Project, { nullable: true, description: 'The project as it is now; null once deleted.' })
  project(@Root() event: ProjectEvent, @Ctx() ctx: Context) {
    return event.change === 'deleted' ? null : ctx.projects.find(event.id);
  }
}

/**
 * Subscriptions (GraphQL over WebSocket, see ws-server.ts) on what the
 * gateway's own writes announce. Access is checked when subscribing (someone
 * else's project answers NOT_FOUND, like a missing one) and again for every
 * event, as the subscriber, when it is delivered: a project that is no longer
 * theirs stops flowing. Each event runs with a fresh context (see ws-server.ts),
 * so rows read for it are current.
 */
@Resolver(() => CodeGenerationEvent)
export class LiveResolver {
  @Subscription(() => CodeGenerationEvent, {
    description: 'Code generations of a project: created, updated (status changes, queue transitions), deleted.',
    subscribe: ({ args, context }) => follow(context as Context, 'generation', checkId(args.projectId, 'projectId'), (ctx) => ctx.projects.find(args.projectId)),
  })
  codeGenerationChanged(@Root() event: GenerationEvent, @Arg('projectId', () => ID, { description: 'The project to follow.' }) _projectId: string): GenerationEvent {
    return event;
  }

  @FieldResolver(() => CodeGeneration, { nullable: true, description: 'The generation as it is now; null once deleted.' })
  codeGeneration(@Root() event: GenerationEvent, @Ctx() ctx: Context) {
    return event.change === 'deleted' ? null : ctx.codeGenerations.find(event.id);
  }

  @Subscription(() => ProjectAnalysis, {
    nullable: true,
    description: 'Analyses added to a project (null if it went before delivery).',
    subscribe: ({ args, context }) => follow(context as Context, 'analysis', checkId(args.projectId, 'projectId'), (ctx) => ctx.projects.find(args.projectId)),
  })
  projectAnalysisAdded(@Root() event: AnalysisEvent, @Arg('projectId', () => ID, { description: 'The project to follow.' }) _projectId: string, @Ctx() ctx: Context) {
    return ctx.analyses.find(event.id);
  }

  @Subscription(() => ProjectEventType, {
    description: 'A project changed or was deleted (its last event).',
    subscribe: ({ args, context }) => follow(context as Context, 'project', checkId(args.id), (ctx, event) => (event?.change === 'deleted' ? Promise.resolve(true) : ctx.projects.find(args.id))),
  })
  projectChanged(@Root() event: ProjectEvent, @Arg('id', () => ID, { description: 'The project to follow.' }) _id: string): ProjectEvent {
    return event;
  }

  @Subscription(() => AutoSave, {
    nullable: true,
    description: 'Your new autosaves, optionally of one editing session only.',
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      // Your own saves: the key is you, so there is nothing else to reach.
      return follow(
        ctx,
        'autoSave',
        ctx.access.me().id,
        async () => true,
        (event) => args.saveId == null || event.saveId === args.saveId,
      );
    },
  })
  autoSaveCreated(@Root() event: AutoSaveEvent, @Arg('saveId', () => String, { nullable: true, description: 'Only this editing session.' }) _saveId: string | null, @Ctx() ctx: Context) {
    return ctx.autoSaves.find(event.id);
  }
}

/**
 * Events of `channel` for `key` that the subscriber wants, for as long as
 * `reach` (run as the subscriber, on a fresh context per event) finds what they
 * follow; NOT_FOUND at once when it finds nothing now.
 */
async function follow<C extends keyof LiveChannels>(
  context: Context,
  channel: C,
  key: string,
  reach: (ctx: Context, event?: LiveChannels[C][1]) => Promise<unknown>,
  wanted: (event: LiveChannels[C][1]) => boolean = () => true,
): Promise<AsyncIterableIterator<LiveChannels[C][1]>> {
  context.access.me();
  if (!(await reach(context.fresh()))) throw notFound('Project', key);
  const source = (context.store.live.subscribe as (c: C, k: string) => AsyncIterable<LiveChannels[C][1]>)(channel, key)[Symbol.asyncIterator]();
  return filterStream(source, async (event) => wanted(event) && Boolean(await reach(context.fresh(), event)));
}
