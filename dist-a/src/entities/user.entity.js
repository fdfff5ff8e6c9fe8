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
exports.User = void 0;
const core_1 = require("@mikro-orm/core");
const legacy_1 = require("@mikro-orm/decorators/legacy");
const graphql_scalars_1 = require("graphql-scalars");
const type_graphql_1 = require("type-graphql");
const base_entity_1 = require("./base.entity");
const enums_1 = require("./enums");
const project_entity_1 = require("./project.entity");
let User = class User extends base_entity_1.TimestampedEntity {
    constructor() {
        super(...arguments);
        this.role = enums_1.UserRole.USER;
        this.preferences = {};
        this.projects = new core_1.Collection(this);
    }
};
exports.User = User;
__decorate([
    (0, type_graphql_1.Field)({ description: 'Unique handle, 3 to 40 characters of letters, digits, ".", "_" or "-".' }),
    (0, legacy_1.Property)({ length: 40 }),
    (0, legacy_1.Unique)(),
    __metadata("design:type", String)
], User.prototype, "username", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Unique email address, stored lower-cased.' }),
    (0, legacy_1.Property)({ length: 254 }),
    (0, legacy_1.Unique)(),
    __metadata("design:type", String)
], User.prototype, "email", void 0);
__decorate([
    (0, legacy_1.Property)({ length: 64, hidden: true }),
    (0, legacy_1.Unique)(),
    __metadata("design:type", String)
], User.prototype, "apiKeyHash", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'First characters of the API key, to tell keys apart without revealing them.' }),
    (0, legacy_1.Property)({ length: 16 }),
    __metadata("design:type", String)
], User.prototype, "apiKeyPrefix", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.UserRole, { description: 'What the user may reach (default USER).' }),
    (0, legacy_1.Enum)({ items: () => enums_1.UserRole, length: 10 }),
    __metadata("design:type", String)
], User.prototype, "role", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLJSONObject, { description: 'Free-form user preferences (editor, theme, model...).' }),
    (0, legacy_1.Property)({ type: 'json', columnType: 'json' }),
    __metadata("design:type", Object)
], User.prototype, "preferences", void 0);
__decorate([
    (0, legacy_1.OneToMany)(() => project_entity_1.Project, 'owner'),
    __metadata("design:type", Object)
], User.prototype, "projects", void 0);
exports.User = User = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'A person who uses codeobit; owns projects and autosaves.', simpleResolvers: true }),
    (0, legacy_1.Entity)({ tableName: 'users' })
    // Top-level lists: one index per sort field, id breaking ties (keyset paging).
    ,
    (0, legacy_1.Index)({ properties: ['createdAt', 'id'] }),
    (0, legacy_1.Index)({ properties: ['updatedAt', 'id'] })
], User);
//# sourceMappingURL=user.entity.js.map