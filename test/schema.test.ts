import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { printSdl } from '../src/schema';
import { SCHEMA_FILE } from '../src/tools/emit-schema';

describe('client contract', () => {
  it('schema/schema.graphql is what the code emits (run `npm run schema` after an API change)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await printSdl());
  });

  it('every operation in test/operations is valid against the committed schema', () => {
    const schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
    const dir = join(__dirname, 'operations');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.graphql'))
      .map((f) => join(dir, f));
    expect(files.length).toBeGreaterThanOrEqual(5);
    const doc = parse(files.map((f) => readFileSync(f, 'utf8')).join('\n'));
    expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
  });

  it('describes every type, field and argument (shown in Apollo Sandbox)', () => {
    const schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Boolean', 'ID', 'Float'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
