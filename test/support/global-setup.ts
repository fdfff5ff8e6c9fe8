import { selectedBackends } from './backends';
import { startFerretDb } from './ferretdb';
import { startPostgres } from './postgres';

/**
 * Starts the database servers the selected backends need, once per `npm test`:
 * a throwaway PostgreSQL cluster (unless POSTGRES_URL is given) and FerretDB
 * (unless MONGO_URL is given). Workers find them through TEST_*_URL.
 */
export default async function globalSetup(): Promise<void> {
  const backends = selectedBackends();
  const stops: (() => unknown)[] = [];
  (globalThis as { __codeobitStops?: typeof stops }).__codeobitStops = stops;
  process.stdout.write(`\nbackends under test: ${backends.join(', ')}\n`);
  try {
    await Promise.all([
      backends.includes('postgresql') &&
        (async () => {
          if (process.env.POSTGRES_URL) return void (process.env.TEST_POSTGRES_URL = process.env.POSTGRES_URL);
          const pg = await startPostgres();
          stops.push(() => pg.stop());
          process.env.TEST_POSTGRES_URL = pg.url;
        })(),
      backends.includes('mongodb') &&
        (async () => {
          if (process.env.MONGO_URL) return void (process.env.TEST_MONGO_URL = process.env.MONGO_URL);
          const mongo = await startFerretDb();
          stops.push(() => mongo.stop());
          process.env.TEST_MONGO_URL = mongo.url;
        })(),
    ]);
  } catch (e) {
    for (const stop of stops) await stop();
    throw e;
  }
}
