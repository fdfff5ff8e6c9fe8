/**
 * One execution shared by every subscriber that would see the same data (the
 * same user and role, document and variables), the way Hasura multiplexes:
 * 100 tabs following one project cost one read per event, not 100. Each
 * subscriber gets its own bounded queue; one that falls behind is dropped
 * without slowing the others.
 */

/** Where a subscriber's values go: told when one is queued, and when it falls too far behind. */
export interface Reader {
  /** It fell behind (more than `limit` values waiting): its stream has ended. */
  overflow(): void;
  /** A value was queued or handed over (the server batches socket writes on it). */
  pushed?(): void;
}

/** How many results may wait for one subscriber before it counts as not reading. */
export const MAX_QUEUED = 64;

/**
 * One subscriber's stream. Pushed values queue (at most `limit`; past that,
 * the reader's `overflow` runs and the stream ends), or with `latestOnly` replace what is
 * waiting: for a live query only the newest result matters.
 */
export class Sink<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting?: (result: IteratorResult<T>) => void;
  private ended = false;

  constructor(
    private readonly leave: (sink: Sink<T>) => void,
    private readonly reader: Reader,
    private readonly latestOnly = false,
    private readonly limit = MAX_QUEUED,
  ) {}

  [Symbol.asyncIterator]() {
    return this;
  }

  push(value: T): void {
    if (this.ended) return;
    this.reader.pushed?.();
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ done: false, value });
    } else if (this.latestOnly) {
      this.queue.length = 0;
      this.queue.push(value);
    } else if (this.queue.length >= this.limit) {
      this.finish();
      this.reader.overflow();
    } else this.queue.push(value);
  }

  /** No more values: what is queued is still delivered. */
  end(): void {
    this.ended = true;
    if (this.waiting && !this.queue.length) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ done: true, value: undefined });
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length) return Promise.resolve({ done: false, value: this.queue.shift() as T });
    if (this.ended) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** The subscriber left (completed, or its socket closed). */
  return(): Promise<IteratorResult<T>> {
    this.finish();
    return Promise.resolve({ done: true, value: undefined });
  }

  throw(): Promise<IteratorResult<T>> {
    return this.return();
  }

  private finish(): void {
    this.queue.length = 0;
    this.end();
    this.leave(this); // once in effect: leaving twice finds nothing to remove
  }
}

/** Subscribers of one shared stream, and what they share. */
export class Audience<T> {
  readonly sinks = new Set<Sink<T>>();

  constructor(private readonly emptied: () => void) {}

  add(reader: Reader, latestOnly = false): Sink<T> {
    const sink = new Sink<T>(
      (s) => {
        if (this.sinks.delete(s) && !this.sinks.size) this.emptied();
      },
      reader,
      latestOnly,
    );
    this.sinks.add(sink);
    return sink;
  }

  push(value: T): void {
    for (const sink of this.sinks) sink.push(value);
  }

  end(): void {
    for (const sink of this.sinks) sink.end();
    this.sinks.clear();
  }
}

type Started<T> = { stream: AsyncIterator<T> } | { result: T };

/**
 * Subscription streams shared by key. The first subscriber of a key starts the
 * source (its access checks run then); later ones with the same key join it.
 * A source that answers at once (an error: NOT_FOUND) answers each joiner the
 * same; the last subscriber to leave stops the source.
 */
export class Fanout<T> {
  private readonly groups = new Map<string, { audience: Audience<T>; started: Promise<Started<T>> }>();

  /** `failed` turns a source's error (the database went away mid-stream) into the last value its subscribers get. */
  constructor(private readonly failed: (error: unknown) => T) {}

  /** Streams being shared now. */
  get size(): number {
    return this.groups.size;
  }

  async join(key: string, start: () => Promise<AsyncIterator<T> | T>, reader: Reader): Promise<AsyncIterableIterator<T> | T> {
    let group = this.groups.get(key);
    if (!group) {
      const audience = new Audience<T>(() => this.stop(key));
      const started = start().then(
        (source): Started<T> => (isIterator<T>(source) ? { stream: source } : { result: source }),
        (error) => {
          this.groups.delete(key);
          throw error;
        },
      );
      group = { audience, started };
      this.groups.set(key, group);
      void started.then(
        (s) => {
          if ('result' in s) this.groups.delete(key);
          else void this.pump(key, audience, s.stream);
        },
        () => undefined,
      );
    }
    const started = await group.started;
    if ('result' in started) return started.result;
    if (this.groups.get(key) !== group) return this.join(key, start, reader); // ended while we waited
    return group.audience.add(reader);
  }

  private async pump(key: string, audience: Audience<T>, stream: AsyncIterator<T>): Promise<void> {
    try {
      for (;;) {
        const item = await stream.next();
        if (item.done) break;
        audience.push(item.value);
      }
    } catch (error) {
      audience.push(this.failed(error));
    } finally {
      if (this.groups.get(key)?.audience === audience) this.groups.delete(key);
      audience.end();
    }
  }

  private stop(key: string): void {
    const group = this.groups.get(key);
    if (!group) return;
    this.groups.delete(key);
    void group.started.then((s) => ('stream' in s ? s.stream.return?.() : undefined)).catch(() => undefined);
  }

  /** Ends every shared stream (the server is closing). */
  close(): void {
    for (const key of [...this.groups.keys()]) {
      const group = this.groups.get(key)!;
      group.audience.end();
      this.stop(key);
    }
  }
}

function isIterator<T>(value: unknown): value is AsyncIterator<T> {
  return typeof value === 'object' && value !== null && typeof (value as AsyncIterator<T>).next === 'function';
}
