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
exports.ProjectAnalysis = void 0;
const legacy_1 = require("@mikro-orm/decorators/legacy");
const graphql_scalars_1 = require("graphql-scalars");
const type_graphql_1 = require("type-graphql");
const base_entity_1 = require("./base.entity");
const project_entity_1 = require("./project.entity");
let ProjectAnalysis = class ProjectAnalysis extends base_entity_1.TimestampedEntity {
    constructor() {
        super(...arguments);
        this.analysisData = {};
        this.issuesCount = 0;
        this.warningsCount = 0;
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
exports.ProjectAnalysis = ProjectAnalysis;
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLJSONObject, { description: "The analyser's full report." }),
    (0, legacy_1.Property)({ type: 'json', columnType: 'json' }),
    __metadata("design:type", Object)
], ProjectAnalysis.prototype, "analysisData", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Overall health, 0 (worst) to 100 (best).' }),
    (0, legacy_1.Property)({ type: 'integer' }),
    __metadata("design:type", Number)
], ProjectAnalysis.prototype, "healthScore", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Number of issues found, 0 or more.' }),
    (0, legacy_1.Property)({ type: 'integer' }),
    __metadata("design:type", Number)
], ProjectAnalysis.prototype, "issuesCount", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Number of warnings found, 0 or more.' }),
    (0, legacy_1.Property)({ type: 'integer' }),
    __metadata("design:type", Number)
], ProjectAnalysis.prototype, "warningsCount", void 0);
__decorate([
    (0, legacy_1.ManyToOne)(() => project_entity_1.Project, { ref: true, deleteRule: 'cascade', updateRule: 'cascade' }),
    __metadata("design:type", Object)
], ProjectAnalysis.prototype, "project", void 0);
__decorate([
    (0, legacy_1.Property)({ length: 10 }),
    __metadata("design:type", String)
], ProjectAnalysis.prototype, "day", void 0);
__decorate([
    (0, legacy_1.BeforeCreate)(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], ProjectAnalysis.prototype, "setDay", null);
exports.ProjectAnalysis = ProjectAnalysis = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'A health check of a project at one point in time.', simpleResolvers: true }),
    (0, legacy_1.Entity)({ tableName: 'project_analyses' })
    // Top-level lists: one index per sort field, id breaking ties (keyset paging).
    ,
    (0, legacy_1.Index)({ properties: ['createdAt', 'id'] }),
    (0, legacy_1.Index)({ properties: ['updatedAt', 'id'] }),
    (0, legacy_1.Index)({ properties: ['healthScore', 'id'] }),
    (0, legacy_1.Index)({ properties: ['project', 'createdAt', 'id'] }),
    (0, legacy_1.Index)({ properties: ['day'] }),
    (0, legacy_1.Index)({ properties: ['project', 'day'] })
], ProjectAnalysis);
//# sourceMappingURL=project-analysis.entity.js.map