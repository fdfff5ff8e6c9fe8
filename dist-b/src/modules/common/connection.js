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
exports.PageArgs = exports.PageInfo = exports.PAGE = void 0;
exports.Connection = Connection;
const class_validator_1 = require("class-validator");
const type_graphql_1 = require("type-graphql");
const page_1 = require("./page");
Object.defineProperty(exports, "PAGE", { enumerable: true, get: function () { return page_1.PAGE; } });
let PageInfo = class PageInfo {
};
exports.PageInfo = PageInfo;
__decorate([
    (0, type_graphql_1.Field)({ description: 'True when more items follow this page.' }),
    __metadata("design:type", Boolean)
], PageInfo.prototype, "hasNextPage", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'True when items precede this page.' }),
    __metadata("design:type", Boolean)
], PageInfo.prototype, "hasPreviousPage", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Cursor of the first item of the page; null when empty.' }),
    __metadata("design:type", Object)
], PageInfo.prototype, "startCursor", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Cursor of the last item of the page; null when empty.' }),
    __metadata("design:type", Object)
], PageInfo.prototype, "endCursor", void 0);
exports.PageInfo = PageInfo = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'Where a page sits in the whole list (Relay cursor connections).', simpleResolvers: true })
], PageInfo);
let PageArgs = class PageArgs {
};
exports.PageArgs = PageArgs;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: `Page size forward, 0 to ${page_1.PAGE.MAX} (default ${page_1.PAGE.DEFAULT}).` }),
    (0, class_validator_1.ValidateIf)((_o, v) => v != null),
    (0, class_validator_1.Min)(0, { message: 'first must not be negative' }),
    (0, class_validator_1.Max)(page_1.PAGE.MAX, { message: `first must be at most ${page_1.PAGE.MAX}` }),
    __metadata("design:type", Object)
], PageArgs.prototype, "first", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Return the items after this cursor.' }),
    __metadata("design:type", Object)
], PageArgs.prototype, "after", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: `Page size backward, 0 to ${page_1.PAGE.MAX}; use with before.` }),
    (0, class_validator_1.ValidateIf)((_o, v) => v != null),
    (0, class_validator_1.Min)(0, { message: 'last must not be negative' }),
    (0, class_validator_1.Max)(page_1.PAGE.MAX, { message: `last must be at most ${page_1.PAGE.MAX}` }),
    __metadata("design:type", Object)
], PageArgs.prototype, "last", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Return the items before this cursor.' }),
    __metadata("design:type", Object)
], PageArgs.prototype, "before", void 0);
exports.PageArgs = PageArgs = __decorate([
    (0, type_graphql_1.ArgsType)()
], PageArgs);
/** Builds the `XConnection` and `XEdge` object types for one node type. */
function Connection(Node, name = Node.name) {
    // simpleResolvers: plain property reads, no middleware stack per field (these are resolved 100s of times per page).
    let EdgeType = class EdgeType {
    };
    __decorate([
        (0, type_graphql_1.Field)({ description: 'Opaque cursor to pass as after/before.' }),
        __metadata("design:type", String)
    ], EdgeType.prototype, "cursor", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => Node, { description: `The ${name}.` }),
        __metadata("design:type", Object)
    ], EdgeType.prototype, "node", void 0);
    EdgeType = __decorate([
        (0, type_graphql_1.ObjectType)(`${name}Edge`, { description: `One ${name} in a list, with its cursor.`, simpleResolvers: true })
    ], EdgeType);
    let ConnectionType = class ConnectionType {
    };
    __decorate([
        (0, type_graphql_1.Field)(() => [EdgeType], { description: 'The items of this page, in order.' }),
        __metadata("design:type", Array)
    ], ConnectionType.prototype, "edges", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => PageInfo, { description: 'Where this page sits in the whole list.' }),
        __metadata("design:type", PageInfo)
    ], ConnectionType.prototype, "pageInfo", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Number of items in the whole list (costs a count query; ask only when needed).' }),
        __metadata("design:type", Number)
    ], ConnectionType.prototype, "totalCount", void 0);
    ConnectionType = __decorate([
        (0, type_graphql_1.ObjectType)(`${name}Connection`, { description: `A page of ${name} items (Relay cursor connection).`, simpleResolvers: true })
    ], ConnectionType);
    return ConnectionType;
}
//# sourceMappingURL=connection.js.map