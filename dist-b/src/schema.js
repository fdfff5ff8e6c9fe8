"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createSchema = createSchema;
exports.printSdl = printSdl;
const graphql_1 = require("graphql");
const class_validator_1 = require("class-validator");
const type_graphql_1 = require("type-graphql");
const codes_1 = require("./errors/codes");
const analysis_resolver_1 = require("./modules/analysis/analysis.resolver");
const analytics_resolver_1 = require("./modules/analytics/analytics.resolver");
const auto_save_resolver_1 = require("./modules/auto-save/auto-save.resolver");
const code_generation_resolver_1 = require("./modules/code-generation/code-generation.resolver");
const project_resolver_1 = require("./modules/project/project.resolver");
const user_resolver_1 = require("./modules/user/user.resolver");
let cached;
/** The executable schema, built once per process from the resolver classes. */
function createSchema() {
    cached ??= (0, type_graphql_1.buildSchema)({
        resolvers: [user_resolver_1.UserResolver, project_resolver_1.ProjectResolver, code_generation_resolver_1.CodeGenerationResolver, analysis_resolver_1.AnalysisResolver, auto_save_resolver_1.AutoSaveResolver, analytics_resolver_1.AnalyticsResolver],
        // class-validator runs on every input object (see validateArgs).
        validateFn: validateArgs,
        emitSchemaFile: false,
    })
        .then(describeRoots)
        .then(resolveLazyCounts);
    return cached;
}
/** Unknown properties cannot occur (GraphQL rejects them); every declared one is checked. */
const VALIDATION = { forbidUnknownValues: false, skipMissingProperties: false, stopAtFirstError: true, validationError: { target: false, value: false } };
/**
 * Argument values found valid, by class and content: a repeated query's arguments are checked once.
 * Only small ones are remembered (at most 1,000 per class of at most 2 KB: 2 MB a class), so a
 * flood of large distinct inputs cannot grow it.
 */
const MAX_REMEMBERED_ARGUMENT = 2048;
const valid = new WeakMap();
/**
 * What type-graphql does by default, with class-validator imported once: its
 * built-in path resolves `require('class-validator')` on every argument of
 * every call (for ESM compatibility), which showed as a tenth of the CPU of a
 * nested list. Values already found valid are not checked again.
 */
async function validateArgs(value) {
    if (value === null || typeof value !== 'object')
        return;
    const items = (Array.isArray(value) ? value : [value]).filter((v) => v !== null && typeof v === 'object');
    for (const item of items) {
        let known = valid.get(item.constructor);
        if (!known)
            valid.set(item.constructor, (known = new Set()));
        const key = JSON.stringify(item);
        if (known.has(key))
            continue;
        try {
            await (0, class_validator_1.validateOrReject)(item, VALIDATION);
        }
        catch (errors) {
            // A validator that throws (rather than reporting) still means the input is bad.
            if (!Array.isArray(errors))
                throw (0, codes_1.badInput)('Invalid input: a value could not be validated');
            throw new type_graphql_1.ArgumentValidationError(errors);
        }
        if (key.length > MAX_REMEMBERED_ARGUMENT)
            continue;
        if (known.size >= 1000)
            known.clear();
        known.add(key);
    }
}
/** The SDL committed as schema/schema.graphql: sorted, so a diff shows only real API changes. */
async function printSdl() {
    return (0, graphql_1.printSchema)((0, graphql_1.lexicographicSortSchema)(await createSchema())) + '\n';
}
/** type-graphql has no option for root type descriptions; graphql-js lets us set them once after building. */
function describeRoots(schema) {
    schema.getQueryType().description = 'Read the codeobit data: users, projects, code generations, analyses and autosaves.';
    schema.getMutationType().description = 'Create, change and delete codeobit data. Invalid input changes nothing.';
    return schema;
}
/**
 * A connection's totalCount is a getter returning a promise (the count query runs
 * only when asked for). graphql-jit reads fields without a resolver inline and
 * does not await them, so these get an explicit one.
 */
function resolveLazyCounts(schema) {
    for (const type of Object.values(schema.getTypeMap())) {
        const field = type instanceof graphql_1.GraphQLObjectType && type.name.endsWith('Connection') ? type.getFields().totalCount : undefined;
        if (field && !field.resolve)
            field.resolve = (page) => page.totalCount;
    }
    return schema;
}
//# sourceMappingURL=schema.js.map