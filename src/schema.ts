import { LiveResolver, ProjectEventResolver } from './live/live.resolver';
import { NodeResolver } from './modules/node/node.resolver';
import { type GraphQLInterfaceType, GraphQLObjectType, getNamedType, isLeafType, lexicographicSortSchema, printSchema, specifiedDirectives, type GraphQLSchema } from 'graphql';
import { LiveDirective } from './live/live-query';
import { validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, buildSchema, getMetadataStorage } from 'type-graphql';
import { badInput } from './errors/codes';
import { AnalysisResolver } from './modules/analysis/analysis.resolver';
import { AnalyticsResolver } from './modules/analytics/analytics.resolver';
import { AutoSaveResolver } from './modules/auto-save/auto-save.resolver';
import { CodeGenerationResolver } from './modules/code-generation/code-generation.resolver';
import { ProjectResolver } from './modules/project/project.resolver';
import { UserResolver } from './modules/user/user.resolver';
import { QueueResolver } from './modules/queue/queue.resolver';

let cached: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process from the resolver classes. */
export function createSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: [UserResolver, ProjectResolver, CodeGenerationResolver, AnalysisResolver, AutoSaveResolver, AnalyticsResolver, QueueResolver, NodeResolver, LiveResolver, ProjectEventResolver],
    // class-validator runs on every input object (see validateArgs).
    validateFn: validateArgs,
    emitSchemaFile: false,
    directives: [...specifiedDirectives, LiveDirective],
    // Every @Subscription brings its own stream from its server's Store (see live.resolver.ts): one schema
    // serves many servers in a process (the tests), so no process-wide pub/sub is given to type-graphql.
    pubSub: {
      publish: () => {
        throw new Error('publish through Store.live');
      },
      subscribe: () => {
        throw new Error('subscribe through Store.live');
      },
    },
  })
    .then(describeRoots)
    .then(resolveNodes)
    .then(resolveLazyCounts)
    .then(readPlainLeaves);
  return cached;
}

/** Unknown properties cannot occur (GraphQL rejects them); every declared one is checked. */
const VALIDATION: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: false, stopAtFirstError: true, validationError: { target: false, value: false } };

/**
 * Argument values found valid, by class and content: a repeated query's arguments are checked once.
 * Only small ones are remembered (at most 1,000 per class of at most 2 KB: 2 MB a class), so a
 * flood of large distinct inputs cannot grow it.
 */
const MAX_REMEMBERED_ARGUMENT = 2048;
const valid = new WeakMap<object, Set<string>>();

/**
 * What type-graphql does by default, with class-validator imported once: its
 * built-in path resolves `require('class-validator')` on every argument of
 * every call (for ESM compatibility), which showed as a tenth of the CPU of a
 * nested list. Values already found valid are not checked again.
 */
async function validateArgs(value: unknown): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  const items = (Array.isArray(value) ? value : [value]).filter((v): v is object => v !== null && typeof v === 'object');
  for (const item of items) {
    let known = valid.get(item.constructor);
    if (!known) valid.set(item.constructor, (known = new Set()));
    const key = JSON.stringify(item);
    if (known.has(key)) continue;
    try {
      await validateOrReject(item, VALIDATION);
    } catch (errors) {
      // A validator that throws (rather than reporting) still means the input is bad.
      if (!Array.isArray(errors)) throw badInput('Invalid input: a value could not be validated');
      throw new ArgumentValidationError(errors as ValidationError[]);
    }
    if (key.length > MAX_REMEMBERED_ARGUMENT) continue;
    if (known.size >= 1000) known.clear();
    known.add(key);
  }
}

/** The SDL committed as schema/schema.graphql: sorted, so a diff shows only real API changes. */
export async function printSdl(): Promise<string> {
  return printSchema(lexicographicSortSchema(await createSchema())) + '\n';
}

/**
 * The Node interface's type resolution, set on the built schema: type-graphql
 * wraps a resolveType in an async function, and graphql-jit (our executor)
 * needs the type name at once. Rows are objects whose prototype is their entity
 * class (see light-find.ts), and GraphQL type names are the class names.
 */
function resolveNodes(schema: GraphQLSchema): GraphQLSchema {
  const node = schema.getType('Node') as GraphQLInterfaceType;
  node.resolveType = (value) => (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return schema;
}

/** type-graphql has no option for root type descriptions; graphql-js lets us set them once after building. */
function describeRoots(schema: GraphQLSchema): GraphQLSchema {
  schema.getQueryType()!.description = 'Read the codeobit data: users, projects, code generations, analyses and autosaves.';
  schema.getMutationType()!.description = 'Create, change and delete codeobit data. Invalid input changes nothing.';
  schema.getSubscriptionType()!.description = 'Live events over GraphQL over WebSocket (graphql-ws) at /graphql, authenticated at connection_init with { Authorization: "Bearer <API key>" }.';
  return schema;
}

/**
 * A connection's totalCount is a getter returning a promise (the count query runs
 * only when asked for). graphql-jit reads fields without a resolver inline and
 * does not await them, so these get an explicit one.
 */
function resolveLazyCounts(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    const field = type instanceof GraphQLObjectType && type.name.endsWith('Connection') ? type.getFields().totalCount : undefined;
    if (field && !field.resolve) field.resolve = (page: { totalCount: Promise<number> }) => page.totalCount;
  }
  return schema;
}

/**
 * type-graphql gives some plain fields (those an entity inherits from its base
 * class: createdAt, updatedAt) a resolver that only reads the property through
 * its middleware chain; we use no middlewares, so these read the property
 * directly, as graphql's default does. Left on, they cost a call per row, and a
 * leaf with a resolver is one the direct tree answer (tree-answer.ts) must leave
 * to execution. Field resolvers (@FieldResolver) keep theirs.
 */
function readPlainLeaves(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  if (storage.middlewares.length || storage.authorizedFields.length) return schema;
  const custom = new Set(storage.fieldResolvers.map((r) => `${r.getObjectType?.()?.name}.${r.schemaName}`));
  const renamed = new Set(storage.fields.filter((f) => f.name !== f.schemaName).map((f) => f.schemaName));
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || roots.has(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve || !isLeafType(getNamedType(field.type)) || custom.has(`${type.name}.${field.name}`) || renamed.has(field.name)) continue;
      if (field.name === 'totalCount') continue; // resolveLazyCounts' own
      field.resolve = undefined;
    }
  }
  return schema;
}
