"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TIME_SORT = exports.DateTimeFilter = exports.IntFilter = exports.IdFilter = exports.StringFilter = exports.SortDirection = exports.FILTER_LIMITS = void 0;
exports.EnumFilter = EnumFilter;
exports.translateFilter = translateFilter;
exports.sortKey = sortKey;
exports.OrderInput = OrderInput;
const graphql_scalars_1 = require("graphql-scalars");
const type_graphql_1 = require("type-graphql");
const codes_1 = require("../../errors/codes");
const validators_1 = require("./validators");
/** How far AND/OR may nest, and how many values an `in` list may hold. */
exports.FILTER_LIMITS = { depth: 5, inValues: 100, text: 200, conditions: 50 };
var SortDirection;
(function (SortDirection) {
    SortDirection["ASC"] = "asc";
    SortDirection["DESC"] = "desc";
})(SortDirection || (exports.SortDirection = SortDirection = {}));
(0, type_graphql_1.registerEnumType)(SortDirection, { name: 'SortDirection', description: 'Ascending or descending; ties are broken by id in the same direction.' });
let StringFilter = class StringFilter {
};
exports.StringFilter = StringFilter;
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Exactly this value.' }),
    __metadata("design:type", Object)
], StringFilter.prototype, "eq", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [String], { nullable: true, description: `Any of these values (at most ${exports.FILTER_LIMITS.inValues}).` }),
    __metadata("design:type", Object)
], StringFilter.prototype, "in", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Contains this text, case-insensitively (no wildcards: % and _ match themselves).' }),
    __metadata("design:type", Object)
], StringFilter.prototype, "contains", void 0);
exports.StringFilter = StringFilter = __decorate([
    (0, type_graphql_1.InputType)({ description: 'Conditions on a text field; all given ones must hold.' })
], StringFilter);
let IdFilter = class IdFilter {
};
exports.IdFilter = IdFilter;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true, description: 'Exactly this id.' }),
    __metadata("design:type", Object)
], IdFilter.prototype, "eq", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [type_graphql_1.ID], { nullable: true, description: `Any of these ids (at most ${exports.FILTER_LIMITS.inValues}).` }),
    __metadata("design:type", Object)
], IdFilter.prototype, "in", void 0);
exports.IdFilter = IdFilter = __decorate([
    (0, type_graphql_1.InputType)({ description: 'Conditions on an id.' })
], IdFilter);
let IntFilter = class IntFilter {
};
exports.IntFilter = IntFilter;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: 'Equal to.' }),
    __metadata("design:type", Object)
], IntFilter.prototype, "eq", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: 'Greater than.' }),
    __metadata("design:type", Object)
], IntFilter.prototype, "gt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: 'Greater than or equal to.' }),
    __metadata("design:type", Object)
], IntFilter.prototype, "gte", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: 'Less than.' }),
    __metadata("design:type", Object)
], IntFilter.prototype, "lt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: 'Less than or equal to.' }),
    __metadata("design:type", Object)
], IntFilter.prototype, "lte", void 0);
exports.IntFilter = IntFilter = __decorate([
    (0, type_graphql_1.InputType)({ description: 'Conditions on a whole number; all given ones must hold.' })
], IntFilter);
let DateTimeFilter = class DateTimeFilter {
};
exports.DateTimeFilter = DateTimeFilter;
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLDateTime, { nullable: true, description: 'After this instant.' }),
    __metadata("design:type", Object)
], DateTimeFilter.prototype, "gt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLDateTime, { nullable: true, description: 'At or after this instant.' }),
    __metadata("design:type", Object)
], DateTimeFilter.prototype, "gte", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLDateTime, { nullable: true, description: 'Before this instant.' }),
    __metadata("design:type", Object)
], DateTimeFilter.prototype, "lt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLDateTime, { nullable: true, description: 'At or before this instant.' }),
    __metadata("design:type", Object)
], DateTimeFilter.prototype, "lte", void 0);
exports.DateTimeFilter = DateTimeFilter = __decorate([
    (0, type_graphql_1.InputType)({ description: 'A time range; all given bounds must hold.' })
], DateTimeFilter);
/** `{ eq, in }` for one enum type. */
function EnumFilter(enumType, name) {
    let Filter = class Filter {
    };
    __decorate([
        (0, type_graphql_1.Field)(() => enumType, { nullable: true, description: 'Exactly this value.' }),
        __metadata("design:type", Object)
    ], Filter.prototype, "eq", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => [enumType], { nullable: true, description: 'Any of these values.' }),
        __metadata("design:type", Array)
    ], Filter.prototype, "in", void 0);
    Filter = __decorate([
        (0, type_graphql_1.InputType)(name, { description: `Conditions on a ${name.replace(/Filter$/, '')} value.` })
    ], Filter);
    return Filter;
}
/**
 * Turns a typed filter into a MikroORM query, evaluated by the database on every
 * backend. Values are always values: GraphQL typed them, so no client string can
 * become an operator; `contains` uses strpos/instr on SQL (no LIKE wildcards) and
 * an escaped, case-insensitive regular expression on MongoDB.
 */
function translateFilter(filter, spec, backend, columnOf) {
    let conditions = 0;
    const walk = (f, depth) => {
        if (depth > exports.FILTER_LIMITS.depth)
            throw (0, codes_1.badInput)(`filter nests AND/OR deeper than ${exports.FILTER_LIMITS.depth} levels`);
        const parts = [];
        for (const [key, value] of Object.entries(f)) {
            if (value == null)
                continue;
            if (key === 'AND' || key === 'OR') {
                // An empty filter matches every row: it drops out of an AND, and makes an OR match everything
                // (said here, once, rather than left to each database's reading of `$or: [{}]`).
                const list = value.map((x) => walk(x, depth + 1));
                const nonEmpty = list.filter((x) => Reflect.ownKeys(x).length > 0);
                if (key === 'AND' ? nonEmpty.length === 0 : nonEmpty.length < list.length || list.length === 0)
                    continue;
                parts.push({ [key === 'AND' ? '$and' : '$or']: nonEmpty });
                continue;
            }
            const field = spec[key];
            if (!field)
                throw (0, codes_1.badInput)(`filter field ${key} is not supported`);
            for (const [op, operand] of Object.entries(value)) {
                if (operand == null)
                    continue;
                if (++conditions > exports.FILTER_LIMITS.conditions)
                    throw (0, codes_1.badInput)(`filter has more than ${exports.FILTER_LIMITS.conditions} conditions`);
                parts.push(condition(field.prop, field.kind, op, operand, key));
            }
        }
        return parts.length === 0 ? {} : parts.length === 1 ? parts[0] : { $and: parts };
    };
    const condition = (prop, kind, op, operand, key) => {
        if (op === 'in') {
            const list = operand;
            if (list.length > exports.FILTER_LIMITS.inValues)
                throw (0, codes_1.badInput)(`filter ${key}.in has more than ${exports.FILTER_LIMITS.inValues} values`);
            list.forEach((v) => check(kind, v, key));
            return { [prop]: { $in: list.map((v) => normalise(kind, v)) } };
        }
        check(kind, operand, key);
        if (op === 'contains')
            return backend.containsText(prop, columnOf(prop), operand);
        if (op === 'eq')
            return { [prop]: normalise(kind, operand) };
        return { [prop]: { [`$${op}`]: operand } };
    };
    return filter ? walk(filter, 1) : {};
}
function check(kind, value, key) {
    if (kind === 'string' && (typeof value !== 'string' || value.length > exports.FILTER_LIMITS.text || !(0, validators_1.isStorableText)(value))) {
        throw (0, codes_1.badInput)(`filter ${key} must be text of at most ${exports.FILTER_LIMITS.text} characters`);
    }
    if (kind === 'id' && (typeof value !== 'string' || !/^[0-9a-f-]{36}$/i.test(value)))
        throw (0, codes_1.badInput)(`filter ${key} must be a valid id (UUID)`);
}
const normalise = (kind, value) => (kind === 'id' ? String(value).toLowerCase() : value);
/** `orderBy` input as the sort key paginate() uses. */
function sortKey(order) {
    return order ? { field: order.field, direction: order.direction ?? SortDirection.ASC } : undefined;
}
/** `{ field, direction }` input for one entity's sortable fields. */
function OrderInput(fieldEnum, name) {
    let Order = class Order {
    };
    __decorate([
        (0, type_graphql_1.Field)(() => fieldEnum, { description: 'The field to sort by.' }),
        __metadata("design:type", String)
    ], Order.prototype, "field", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => SortDirection, { nullable: true, defaultValue: SortDirection.ASC, description: 'ASC (default) or DESC.' }),
        __metadata("design:type", Object)
    ], Order.prototype, "direction", void 0);
    Order = __decorate([
        (0, type_graphql_1.InputType)(name, { description: 'Sort order of a list; ties are broken by id.' })
    ], Order);
    return Order;
}
/** Sort fields every entity shares. */
exports.TIME_SORT = { CREATED_AT: 'createdAt', UPDATED_AT: 'updatedAt' };
//# sourceMappingURL=filters.js.map