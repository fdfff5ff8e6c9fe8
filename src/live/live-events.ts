import { setMaxListeners } from 'node:events';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from '@graphql-yoga/subscription';
import type { RedisLink } from './redis';

/** How a row changed. */
export type ChangeKind = 'created' | 'updated' | 'deleted';

/** A code generation that changed: queue transitions are updates with the new status. */
export interface GenerationEvent {
  change: ChangeKind;
  id: string;
  projectId: string;
  status: string;
}

export interface AnalysisEvent {
  id: string;
  projectId: string;
}

export interface ProjectEvent {
  change: 'updated' | 'deleted';
  id: string;
}

export interface AutoSaveEvent {
  id: string;
  userId: string;
  saveId: string;
}

/**
 * Rows of a type changed: what live queries re-run on. `owner` is the user whose
 * data it was, null when the writer could write anyone's (an admin, a worker):
 * then every live query reading that type re-runs.
 */
export interface Invalidation {
  topics: string[];
  owner: string | null;
}

/** Channels, each keyed by the id subscribers follow (a project, or a user for autosaves). */
export type LiveChannels = {
  generation: [projectId: string, event: GenerationEvent];
  analysis: [projectId: string, event: AnalysisEvent];
  project: [projectId: string, event: ProjectEvent];
  autoSave: [userId: string, event: AutoSaveEvent];
  changed: [all: 'all', event: Invalidation];
};

/**
 * What the gateway's own writes announce, for subscriptions: one pub/sub per
 * server (@graphql-yoga/subscription), fed by the services after a write is
 * stored; with Redis, shared by every instance (@graphql-yoga/redis-event-target). Events carry ids only: what a subscriber sees is read again
 * under their access when the event is delivered.
 */
export function createLiveEvents(redis?: RedisLink) {
  let target: Target;
  if (redis) {
    // Every instance publishes to Redis and hears every instance's events (channel "<name>:<key>").
    // While Redis is down, events are dropped at once (not queued, not failing the write that
    // announced them); ioredis subscribes again on reconnection.
    const { commands, subscriber } = redis;
    const publishClient = { publish: (channel: string, message: string) => (commands.status === 'ready' ? commands.publish(channel, message).catch(() => 0) : Promise.resolve(0)) };
    const subscribeClient = {
      on: subscriber.on.bind(subscriber),
      subscribe: (topic: string) => subscriber.subscribe(topic).catch(() => 0),
      unsubscribe: (topic: string) => subscriber.unsubscribe(topic).catch(() => 0),
    };
    target = createRedisEventTarget({ publishClient, subscribeClient } as never) as never;
  } else {
    // One listener per subscription of a key: bounded by the subscription limits (see ws-server.ts), not by Node's warning at 10.
    const local = new EventTarget();
    setMaxListeners(0, local);
    target = local as never;
  }
  const guarded = new GuardedTarget(target);
  const pubsub = createPubSub<LiveChannels>({ eventTarget: guarded as never });
  return {
    publish: pubsub.publish,
    subscribe: pubsub.subscribe,
    /** Events that a subscriber past its queue (1,024 undelivered, the Repeater's bound) did not take. */
    get dropped() {
      return guarded.dropped;
    },
    /**
     * `listener` called with every event of `channel`/`key` as it is published
     * (or arrives from Redis), with no queue between: what the live queries
     * listen with, so no invalidation is ever dropped. Returns the unsubscribe.
     */
    listen<C extends keyof LiveChannels>(channel: C, key: LiveChannels[C][0], listener: (event: LiveChannels[C][1]) => void): () => void {
      const handler = (event: Event) => listener((event as CustomEvent<LiveChannels[C][1]>).detail);
      guarded.addEventListener(`${channel}:${key}`, handler);
      return () => guarded.removeEventListener(`${channel}:${key}`, handler);
    },
  };
}

type Target = Pick<EventTarget, 'addEventListener' | 'removeEventListener' | 'dispatchEvent'>;
type Listener = (event: Event) => void;

/**
 * An event target whose listeners cannot fail the publisher. A subscription's
 * Repeater throws from its listener once 1,024 events wait undelivered (a
 * client that stopped reading); dispatch runs in the writer's call, so that
 * would have failed a write already stored. Such an event is dropped for that
 * subscriber alone and counted.
 */
class GuardedTarget implements Target {
  dropped = 0;
  private readonly wrapped = new WeakMap<Listener, Listener>();

  constructor(private readonly target: Target) {}

  addEventListener(type: string, listener: Listener): void {
    let guard = this.wrapped.get(listener);
    if (!guard) {
      guard = (event: Event) => {
        try {
          listener(event);
        } catch {
          this.dropped++;
        }
      };
      this.wrapped.set(listener, guard);
    }
    this.target.addEventListener(type, guard);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.target.removeEventListener(type, this.wrapped.get(listener) ?? listener);
  }

  dispatchEvent(event: Event): boolean {
    return this.target.dispatchEvent(event);
  }
}
export type LiveEvents = ReturnType<typeof createLiveEvents>;

const ref = (v: unknown) => String(v && typeof v === 'object' ? (v as { id: unknown }).id : v);

/** A code generation row (as stored) as its event. */
export const generationEvent = (row: Record<string, unknown>, change: ChangeKind): GenerationEvent => ({
  change,
  id: String(row.id),
  projectId: ref(row.project),
  status: String(row.status),
});
