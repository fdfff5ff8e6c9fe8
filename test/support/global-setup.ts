import { selectedBackends } from './backends';
import { startFerretDb } from './ferretdb';
import { startMongoJavaServer } from './mongo-java-server';
import { startPostgres } from './postgres';

/**
 * Starts the database servers the selected backends need, once per `npm test`:
 * a throwaway PostgreSQL cluster (unless POSTGRES_URL is given), FerretDB
 * and, for the compiled MongoDB reads FerretDB cannot run, mongo-java-server
 * (both unless MONGO_URL is given: a real MongoDB runs both read paths).
 * Workers find them through TEST_*_URL.
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
      backends.includes('mongodb') &&
        !process.env.MONGO_URL &&
        (async () => {
          const lookups = await startMongoJavaServer();
          stops.push(() => lookups.stop());
          process.env.TEST_MONGO_LOOKUP_URL = lookups.url;
        })(),
    ]);
  } catch (e) {
    for (const stop of stops) await stop();
    throw e;
  }
}
