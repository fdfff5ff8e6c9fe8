/** Stops what global-setup started (same process, so the handles are still here). */
export default async function globalTeardown(): Promise<void> {
  const stops = (globalThis as { __codeobitStops?: (() => unknown)[] }).__codeobitStops ?? [];
  for (const stop of stops) await stop();
}
