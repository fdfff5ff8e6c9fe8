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
exports.TimestampedEntity = exports.BaseEntity = void 0;
const node_crypto_1 = require("node:crypto");
const core_1 = require("@mikro-orm/core");
const legacy_1 = require("@mikro-orm/decorators/legacy");
const graphql_scalars_1 = require("graphql-scalars");
const type_graphql_1 = require("type-graphql");
/**
 * Shared by every entity: a UUID string id made in code (the same kind of value
 * on SQLite, PostgreSQL and MongoDB, where the naming strategy stores it as _id)
 * and a creation time with millisecond precision on every backend.
 */
let BaseEntity = class BaseEntity {
    constructor() {
        this.id = (0, node_crypto_1.randomUUID)();
        this.createdAt = new Date();
    }
};
exports.BaseEntity = BaseEntity;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { description: 'Stable unique identifier (UUID).' }),
    (0, legacy_1.PrimaryKey)({ type: 'uuid' }),
    __metadata("design:type", String)
], BaseEntity.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLDateTime, { description: 'When the record was created (UTC, millisecond precision).' }),
    (0, legacy_1.Property)({ type: Date, length: 3 }),
    __metadata("design:type", Date)
], BaseEntity.prototype, "createdAt", void 0);
exports.BaseEntity = BaseEntity = __decorate([
    (0, type_graphql_1.ObjectType)()
], BaseEntity);
/** An entity that can change after creation and records when it last did. */
let TimestampedEntity = class TimestampedEntity extends BaseEntity {
    constructor() {
        super(...arguments);
        this.updatedAt = new Date();
    }
};
exports.TimestampedEntity = TimestampedEntity;
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLDateTime, { description: 'When the record last changed (UTC, millisecond precision).' }),
    (0, legacy_1.Property)({ type: Date, length: 3, onUpdate: () => new Date() }),
    __metadata("design:type", Date)
], TimestampedEntity.prototype, "updatedAt", void 0);
exports.TimestampedEntity = TimestampedEntity = __decorate([
    (0, type_graphql_1.ObjectType)()
], TimestampedEntity);
//# sourceMappingURL=base.entity.js.map