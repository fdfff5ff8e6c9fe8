import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { prng } from '../../src/backup/seed-data';

/**
 * Operations generated from the schema itself: a random root field, arguments
 * of the declared types at and beyond their edges (as variables or inline
 * literals), a random selection of the returned type; then, for a share of
 * them, one mutation that makes the operation invalid. Seeded: the same seed
 * gives the same operations.
 */
export type FuzzOperation = { query: string; variables: Record<string, unknown>; kind: string };

type Rng = ReturnType<typeof prng>;

const INT_EDGES = [0, 1, -1, 2, 10, 50, 100, 101, 1000, 2147483647, -2147483648];
const FLOAT_EDGES = [0, -0.5, 0.5, 1, 99.99, 100, 100.01, 1e308, -1e308];
const STRING_EDGES = [
  '',
  'a',
  'x'.repeat(200),
  'x'.repeat(201),
  'y'.repeat(5000),
  'ünïcødé ✓ 🚀',
  'a\u0000b',
  '\ud800',
  "' OR '1'='1",
  '%_\\',
  '$where',
  'a.b',
  '   ',
  'UPPER@Example.COM',
  'user@example.com',
];
const JSON_EDGES: unknown[] = [
  {},
  { a: 1 },
  { nested: { deep: [1, 2, { x: 'y' }] } },
  { $set: { role: 'admin' } },
  { 'a.b': 1 },
  { k: 'v'.repeat(70_000) },
  { list: [[1, 2], [3]] },
  { n: null, t: true, f: 1.5 },
];
const DATE_EDGES = ['2026-11-01T00:00:00.000Z', '2026-11-26T12:00:00Z', '1970-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '2026-02-30T00:00:00Z', 'yesterday', '', 1700000000000];

/** Ids the generator may use: found in answers (rows of the key holders' and others'), plus made-up ones. */
export class IdPool {
  private readonly ids: string[] = [];
  constructor(
    private readonly rng: Rng,
    private readonly protectedIds: Set<string>,
    private readonly max = 400,
  ) {}
  add(id: unknown): void {
    if (typeof id !== 'string' || this.protectedIds.has(id) || this.ids.includes(id)) return;
    if (this.ids.length >= this.max) this.ids[this.rng.int(0, this.max - 1)] = id;
    else this.ids.push(id);
  }
  /** Collects every `id` in an answer. */
  collect(value: unknown, depth = 0): void {
    if (!value || typeof value !== 'object' || depth > 12) return;
    if (Array.isArray(value)) return value.forEach((v) => this.collect(v, depth + 1));
    for (const [k, v] of Object.entries(value)) {
      if (k === 'id') this.add(v);
      else this.collect(v, depth + 1);
    }
  }
  pick(): string {
    const r = this.rng.next();
    if (this.ids.length && r < 0.75) return this.rng.pick(this.ids);
    if (r < 0.88) return randomUUIDFrom(this.rng);
    return this.rng.pick(['not-a-uuid', '', '00000000-0000-0000-0000-000000000000', 'x'.repeat(300), '1', "'; DROP TABLE users; --"]);
  }
}

function randomUUIDFrom(rng: Rng): string {
  const hex = () => rng.int(0, 15).toString(16);
  const s = Array.from({ length: 32 }, hex).join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-a${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

export class SchemaFuzzer {
  private readonly rng: Rng;
  /** Ids seen in answers; `protectedIds` (the key holders) are never sent, so no operation deletes or demotes them. */
  readonly ids: IdPool;
  constructor(
    private readonly schema: GraphQLSchema,
    seed: number,
    protectedIds: Set<string>,
  ) {
    this.rng = prng(seed);
    this.ids = new IdPool(this.rng, protectedIds);
  }

  /** A choice from the same seeded sequence (e.g. which key sends the next operation). */
  pick<T>(items: readonly T[]): T {
    return this.rng.pick(items);
  }

  /** One operation: 80% valid at the edges, 20% mutated into an invalid one. */
  next(): FuzzOperation {
    const op = this.valid();
    return this.rng.next() < 0.2 ? this.mutate(op) : op;
  }

  private valid(): FuzzOperation {
    const r = this.rng;
    const mutation = r.next() < 0.4;
    const root = (mutation ? this.schema.getMutationType() : this.schema.getQueryType())!;
    const fields = Object.values(root.getFields());
    const field = r.pick(fields);
    const variables: Record<string, unknown> = {};
    const defs: string[] = [];
    const args = this.arguments(field.args, variables, defs, 'v');
    const selection = this.selection(field.type, 0);
    const keyword = mutation ? 'mutation' : 'query';
    const head = defs.length ? `${keyword} Fuzz(${defs.join(', ')})` : `${keyword} Fuzz`;
    return { query: `${head} { ${field.name}${args}${selection} }`, variables, kind: `${keyword}.${field.name}` };
  }

  /** Arguments as inline literals or variables; optional ones sometimes left out, required ones rarely. */
  private arguments(args: readonly GraphQLArgument[], variables: Record<string, unknown>, defs: string[], prefix: string): string {
    const r = this.rng;
    const parts: string[] = [];
    for (const arg of args) {
      const required = isNonNullType(arg.type);
      if (!required && r.next() < 0.45) continue;
      const value = this.value(arg.type, 0);
      if (value === undefined) continue;
      if (r.next() < 0.5) {
        const name = `${prefix}${defs.length}`;
        defs.push(`$${name}: ${String(arg.type)}`);
        variables[name] = value;
        parts.push(`${arg.name}: $${name}`);
      } else {
        parts.push(`${arg.name}: ${literal(value, arg.type)}`);
      }
    }
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  /** A value of the input type, mostly within its rules, often at or past their edges. */
  value(type: GraphQLInputType, depth: number): unknown {
    const r = this.rng;
    if (isNonNullType(type)) return this.value(type.ofType, depth) ?? this.value(type.ofType, depth + 1) ?? '';
    if (r.next() < 0.05) return null;
    if (isListType(type)) {
      const n = r.pick([0, 1, 2, 3, 3, 60]);
      return Array.from({ length: n }, () => this.value(type.ofType, depth + 1)).filter((v) => v !== undefined);
    }
    const named = getNamedType(type);
    if (isEnumType(named)) return r.pick(named.getValues()).name;
    if (isInputObjectType(named)) {
      if (depth > 4) return {};
      const obj: Record<string, unknown> = {};
      for (const f of Object.values(named.getFields())) {
        if (!isNonNullType(f.type) && r.next() < 0.75) continue;
        const v = this.value(f.type, depth + 1);
        if (v !== undefined) obj[f.name] = v;
      }
      return obj;
    }
    if (isScalarType(named)) return this.scalar(named.name);
    return undefined;
  }

  private scalar(name: string): unknown {
    const r = this.rng;
    switch (name) {
      case 'Int':
        return r.next() < 0.7 ? r.int(0, 20) : r.pick(INT_EDGES);
      case 'Float':
        return r.next() < 0.6 ? r.int(0, 100) : r.pick(FLOAT_EDGES);
      case 'Boolean':
        return r.next() < 0.5;
      case 'ID':
        return this.ids.pick();
      case 'DateTime':
        return r.pick(DATE_EDGES);
      case 'JSONObject':
        return r.pick(JSON_EDGES);
      default:
        return r.next() < 0.5 ? `fuzz-${r.int(0, 1e6)}@example.com` : r.pick(STRING_EDGES);
    }
  }

  /** A random selection of the output type, at most 3 levels of objects deep. */
  private selection(type: GraphQLOutputType, depth: number): string {
    const named = getNamedType(type) as GraphQLNamedType;
    if (!isObjectType(named) && !isInterfaceType(named) && !isUnionType(named)) return '';
    if (isUnionType(named)) {
      return ` { __typename ${named
        .getTypes()
        .map((t) => `... on ${t.name}${this.selection(t, depth)}`)
        .join(' ')} }`;
    }
    const r = this.rng;
    const fields = Object.values((named as GraphQLObjectType).getFields()) as GraphQLField<unknown, unknown>[];
    const leaves = fields.filter((f) => !isObjectType(getNamedType(f.type)) && !isInterfaceType(getNamedType(f.type)) && !isUnionType(getNamedType(f.type)));
    const objects = fields.filter((f) => !leaves.includes(f));
    const chosen = new Set<GraphQLField<unknown, unknown>>();
    for (let i = r.int(1, 4); i > 0; i--) if (leaves.length) chosen.add(r.pick(leaves));
    if (depth < 3) for (let i = r.int(0, 2); i > 0; i--) if (objects.length) chosen.add(r.pick(objects));
    if (!chosen.size) chosen.add(r.pick(fields));
    const parts = [...chosen].map((f) => {
      // Nested arguments stay inline literals: variables are the root's.
      const args = f.args
        .filter((a) => isNonNullType(a.type) || r.next() < 0.4)
        .map((a) => {
          const v = this.value(a.type, 0);
          return v === undefined ? '' : `${a.name}: ${literal(v, a.type)}`;
        });
      const argText = args.filter(Boolean).length ? `(${args.filter(Boolean).join(', ')})` : '';
      return `${f.name}${argText}${this.selection(f.type, depth + 1)}`;
    });
    if (r.next() < 0.2) parts.push('__typename');
    return ` { ${parts.join(' ')} }`;
  }

  /** One change that makes a valid operation invalid (or hostile). */
  private mutate(op: FuzzOperation): FuzzOperation {
    const r = this.rng;
    const names = Object.keys(op.variables);
    const mutations: (() => FuzzOperation)[] = [
      () => ({ ...op, query: op.query.replace(/\{ (\w+)/, '{ $1Typo'), kind: 'unknown-field' }),
      () => ({ ...op, query: op.query.slice(0, r.int(1, op.query.length - 1)), kind: 'truncated' }),
      () => ({ ...op, query: op.query.replace(/\(\$\w+: [^,)]+(, )?/, '('), kind: 'undeclared-variable' }),
      () =>
        names.length
          ? { ...op, variables: { ...op.variables, [r.pick(names)]: r.pick(['text', 1.5, -1, [], {}, true, 'x'.repeat(10_000)]) }, kind: 'wrong-variable-type' }
          : { ...op, variables: { extra: 1 }, kind: 'extra-variable' },
      () => (names.length ? { ...op, variables: Object.fromEntries(Object.entries(op.variables).slice(1)), kind: 'missing-variable' } : { ...op, query: `${op.query} }`, kind: 'extra-brace' }),
      () => ({ ...op, query: op.query.replace(/: ([A-Z_]{3,})\b/, (_, e: string) => `: ${e.toLowerCase()}`), kind: 'enum-case' }),
      () =>
        names.length
          ? { ...op, variables: { ...op.variables, [r.pick(names)]: nest(r.int(33, 1500)) }, kind: 'deep-variable' }
          : { ...op, query: op.query.replace('Fuzz', 'Fuzz @bogus'), kind: 'unknown-directive' },
      () => ({ ...op, query: `${op.query} query Other { __typename }`, kind: 'two-operations' }),
      () => ({ ...op, query: op.query.replace(/\{ /, '{ a: __typename a: __schema { queryType { name } } '), kind: 'alias-conflict' }),
    ];
    return r.pick(mutations)();
  }
}

function nest(depth: number): unknown {
  let v: unknown = { leaf: 1 };
  for (let i = 0; i < depth; i++) v = { AND: [v] };
  return v;
}

/** A value as a GraphQL literal of the given input type (enums bare, input objects as objects, other values as JSON). */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null) return 'null';
  if (isNonNullType(type)) return literal(value, type.ofType);
  if (isListType(type)) return Array.isArray(value) ? `[${value.map((v) => literal(v, type.ofType)).join(', ')}]` : literal(value, type.ofType);
  if (isEnumType(type) && typeof value === 'string' && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  if (isInputObjectType(type) && value && typeof value === 'object' && !Array.isArray(value)) {
    const fields = type.getFields();
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${fields[k] ? literal(v, fields[k].type) : JSON.stringify(v)}`)
      .join(', ')} }`;
  }
  if (isScalarType(type) && type.name === 'JSONObject') return objectLiteral(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return '0';
  return JSON.stringify(value);
}

/** JSON as a GraphQL object literal (keys that are not GraphQL names make it invalid: also a case worth sending). */
function objectLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(objectLiteral).join(', ')}]`;
  if (value && typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${objectLiteral(v)}`)
      .join(', ')} }`;
  return JSON.stringify(value);
}
