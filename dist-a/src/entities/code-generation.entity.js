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
exports.CodeGeneration = void 0;
const legacy_1 = require("@mikro-orm/decorators/legacy");
const type_graphql_1 = require("type-graphql");
const base_entity_1 = require("./base.entity");
const enums_1 = require("./enums");
const project_entity_1 = require("./project.entity");
let CodeGeneration = class CodeGeneration extends base_entity_1.TimestampedEntity {
    constructor() {
        super(...arguments);
        this.framework = null;
        this.generatedCode = null;
        this.status = enums_1.GenerationStatus.PENDING;
        this.tokensUsed = 0;
        /**
         * UTC calendar day of createdAt (YYYY-MM-DD), kept on the row so analytics can
         * group by day on every backend (FerretDB has no date operators).
         */
        this.day = '';
    }
    setDay() {
        this.day = this.createdAt.toISOString().slice(0, 10);
    }
};
exports.CodeGeneration = CodeGeneration;
__decorate([
    (0, type_graphql_1.Field)({ description: 'What was asked for, in natural language.' }),
    (0, legacy_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], CodeGeneration.prototype, "specification", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Target programming language, e.g. "typescript".' }),
    (0, legacy_1.Property)({ length: 40 }),
    __metadata("design:type", String)
], CodeGeneration.prototype, "language", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Target framework, e.g. "express"; null when none.' }),
    (0, legacy_1.Property)({ length: 60, nullable: true }),
    __metadata("design:type", Object)
], CodeGeneration.prototype, "framework", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'The generated source; null until the generation completes.' }),
    (0, legacy_1.Property)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], CodeGeneration.prototype, "generatedCode", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.GenerationStatus, { description: 'Progress of the generation (default PENDING).' }),
    (0, legacy_1.Enum)({ items: () => enums_1.GenerationStatus, length: 20 }),
    __metadata("design:type", String)
], CodeGeneration.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Model tokens consumed, 0 or more.' }),
    (0, legacy_1.Property)({ type: 'integer' }),
    __metadata("design:type", Number)
], CodeGeneration.prototype, "tokensUsed", void 0);
__decorate([
    (0, legacy_1.ManyToOne)(() => project_entity_1.Project, { ref: true, deleteRule: 'cascade', updateRule: 'cascade' }),
    __metadata("design:type", Object)
], CodeGeneration.prototype, "project", void 0);
__decorate([
    (0, legacy_1.Property)({ length: 10 }),
    __metadata("design:type", String)
], CodeGeneration.prototype, "day", void 0);
__decorate([
    (0, legacy_1.BeforeCreate)(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], CodeGeneration.prototype, "setDay", null);
exports.CodeGeneration = CodeGeneration = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'One request to generate code for a project, and its result.', simpleResolvers: true }),
    (0, legacy_1.Entity)({ tableName: 'code_generations' })
    // Top-level lists: one index per sort field, id breaking ties (keyset paging).
    ,
    (0, legacy_1.Index)({ properties: ['createdAt', 'id'] }),
    (0, legacy_1.Index)({ properties: ['updatedAt', 'id'] }),
    (0, legacy_1.Index)({ properties: ['tokensUsed', 'id'] }),
    (0, legacy_1.Index)({ properties: ['status', 'id'] }),
    (0, legacy_1.Index)({ properties: ['project', 'createdAt', 'id'] }),
    (0, legacy_1.Index)({ properties: ['day'] }),
    (0, legacy_1.Index)({ properties: ['project', 'day'] }),
    (0, legacy_1.Index)({ properties: ['status', 'createdAt', 'id'] })
], CodeGeneration);
//# sourceMappingURL=code-generation.entity.js.map