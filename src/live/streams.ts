/**
 * Async iterators that hand `return()` straight to their source: an async
 * generator would queue an unsubscribe behind the `next()` it is awaiting,
 * so a quiet subscription could not be stopped until its next event.
 */
export function filterStream<T>(source: AsyncIterator<T>, keep: (value: T) => Promise<boolean>): AsyncIterableIterator<T> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      for (;;) {
        const item = await source.next();
        if (item.done || (await keep(item.value))) return item;
      }
    },
    return: () => source.return?.() ?? Promise.resolve({ done: true, value: undefined }),
    throw: (error: unknown) => source.throw?.(error) ?? Promise.reject(error),
  };
}

export function mapStream<T, U>(source: AsyncIterator<T>, map: (value: T) => Promise<U>): AsyncIterableIterator<U> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const item = await source.next();
      return item.done ? { done: true, value: undefined } : { done: false, value: await map(item.value) };
    },
    return: async () => {
      await source.return?.();
      return { done: true, value: undefined };
    },
    throw: async (error: unknown) => {
      await source.throw?.(error);
      return { done: true, value: undefined };
    },
  };
}
