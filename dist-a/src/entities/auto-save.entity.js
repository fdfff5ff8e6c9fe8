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
exports.AutoSave = void 0;
const legacy_1 = require("@mikro-orm/decorators/legacy");
const graphql_scalars_1 = require("graphql-scalars");
const type_graphql_1 = require("type-graphql");
const base_entity_1 = require("./base.entity");
const enums_1 = require("./enums");
const user_entity_1 = require("./user.entity");
let AutoSave = class AutoSave extends base_entity_1.TimestampedEntity {
    constructor() {
        super(...arguments);
        this.saveType = enums_1.SaveType.AUTO;
        this.metadata = {};
        /** Derived from content by the server (Unicode code points), never taken from the client. */
        this.sizeChars = 0;
    }
};
exports.AutoSave = AutoSave;
__decorate([
    (0, type_graphql_1.Field)({ description: 'Client-chosen identifier grouping the snapshots of one editing session.' }),
    (0, legacy_1.Property)({ length: 100 }),
    __metadata("design:type", String)
], AutoSave.prototype, "saveId", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Path of the saved file, relative to the workspace.' }),
    (0, legacy_1.Property)({ length: 1024 }),
    __metadata("design:type", String)
], AutoSave.prototype, "filePath", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Full text of the file at save time.' }),
    (0, legacy_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], AutoSave.prototype, "content", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.SaveType, { description: 'Why the snapshot was taken (default AUTO).' }),
    (0, legacy_1.Enum)({ items: () => enums_1.SaveType, length: 20 }),
    __metadata("design:type", String)
], AutoSave.prototype, "saveType", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLJSONObject, { description: 'Free-form data about the save (editor, cursor...).' }),
    (0, legacy_1.Property)({ type: 'json', columnType: 'json' }),
    __metadata("design:type", Object)
], AutoSave.prototype, "metadata", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Length of content in Unicode characters, computed by the server.' }),
    (0, legacy_1.Property)({ type: 'integer' }),
    __metadata("design:type", Number)
], AutoSave.prototype, "sizeChars", void 0);
__decorate([
    (0, legacy_1.ManyToOne)(() => user_entity_1.User, { ref: true, deleteRule: 'cascade', updateRule: 'cascade' }),
    __metadata("design:type", Object)
], AutoSave.prototype, "user", void 0);
exports.AutoSave = AutoSave = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'A snapshot of a file taken while someone works on it.', simpleResolvers: true }),
    (0, legacy_1.Entity)({ tableName: 'auto_saves' })
    // Top-level lists: one index per sort field, id breaking ties (keyset paging).
    ,
    (0, legacy_1.Index)({ properties: ['createdAt', 'id'] }),
    (0, legacy_1.Index)({ properties: ['updatedAt', 'id'] }),
    (0, legacy_1.Index)({ properties: ['user', 'createdAt', 'id'] }),
    (0, legacy_1.Index)({ properties: ['saveId'] })
], AutoSave);
//# sourceMappingURL=auto-save.entity.js.map