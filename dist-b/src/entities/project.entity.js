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
exports.Project = void 0;
const core_1 = require("@mikro-orm/core");
const legacy_1 = require("@mikro-orm/decorators/legacy");
const graphql_scalars_1 = require("graphql-scalars");
const type_graphql_1 = require("type-graphql");
const base_entity_1 = require("./base.entity");
const code_generation_entity_1 = require("./code-generation.entity");
const enums_1 = require("./enums");
const project_analysis_entity_1 = require("./project-analysis.entity");
const user_entity_1 = require("./user.entity");
let Project = class Project extends base_entity_1.TimestampedEntity {
    constructor() {
        super(...arguments);
        this.description = '';
        this.projectType = enums_1.ProjectType.OTHER;
        this.status = enums_1.ProjectStatus.DRAFT;
        this.config = {};
        this.codeGenerations = new core_1.Collection(this);
        this.analyses = new core_1.Collection(this);
    }
};
exports.Project = Project;
__decorate([
    (0, type_graphql_1.Field)({ description: 'Display name, 1 to 200 characters.' }),
    (0, legacy_1.Property)({ length: 200 }),
    __metadata("design:type", String)
], Project.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'What the project is about; empty string when not given.' }),
    (0, legacy_1.Property)({ type: 'text' }),
    __metadata("design:type", String)
], Project.prototype, "description", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.ProjectType, { description: 'What kind of software the project builds (default OTHER).' }),
    (0, legacy_1.Enum)({ items: () => enums_1.ProjectType, length: 20 }),
    __metadata("design:type", String)
], Project.prototype, "projectType", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.ProjectStatus, { description: 'Lifecycle status (default DRAFT).' }),
    (0, legacy_1.Enum)({ items: () => enums_1.ProjectStatus, length: 20 }),
    (0, legacy_1.Index)(),
    __metadata("design:type", String)
], Project.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLJSONObject, { description: 'Free-form project configuration.' }),
    (0, legacy_1.Property)({ type: 'json', columnType: 'json' }),
    __metadata("design:type", Object)
], Project.prototype, "config", void 0);
__decorate([
    (0, legacy_1.ManyToOne)(() => user_entity_1.User, { ref: true, deleteRule: 'cascade', updateRule: 'cascade' }),
    __metadata("design:type", Object)
], Project.prototype, "owner", void 0);
__decorate([
    (0, legacy_1.OneToMany)(() => code_generation_entity_1.CodeGeneration, 'project'),
    __metadata("design:type", Object)
], Project.prototype, "codeGenerations", void 0);
__decorate([
    (0, legacy_1.OneToMany)(() => project_analysis_entity_1.ProjectAnalysis, 'project'),
    __metadata("design:type", Object)
], Project.prototype, "analyses", void 0);
exports.Project = Project = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'A development project owned by one user.', simpleResolvers: true }),
    (0, legacy_1.Entity)({ tableName: 'projects' })
    // Top-level lists: one index per sort field, id breaking ties (keyset paging).
    ,
    (0, legacy_1.Index)({ properties: ['createdAt', 'id'] }),
    (0, legacy_1.Index)({ properties: ['updatedAt', 'id'] }),
    (0, legacy_1.Index)({ properties: ['name', 'id'] }),
    (0, legacy_1.Index)({ properties: ['status', 'id'] }),
    (0, legacy_1.Index)({ properties: ['owner', 'createdAt', 'id'] })
], Project);
//# sourceMappingURL=project.entity.js.map