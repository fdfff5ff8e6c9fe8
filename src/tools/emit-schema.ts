import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printSdl } from '../schema';

/** Writes schema/schema.graphql from the resolvers (npm run schema). A test fails when it is stale. */
export const SCHEMA_FILE = resolve(__dirname, '../../schema/schema.graphql');

if (require.main === module) {
  printSdl().then((sdl) => {
    writeFileSync(SCHEMA_FILE, sdl);
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
  });
}
