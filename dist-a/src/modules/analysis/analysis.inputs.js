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
exports.ProjectAnalysesArgs = exports.ANALYSIS_FILTER_SPEC = exports.ProjectAnalysisFilter = exports.ProjectAnalysisOrder = exports.ProjectAnalysisSortField = exports.UpdateProjectAnalysisInput = exports.CreateProjectAnalysisInput = void 0;
const class_validator_1 = require("class-validator");
const graphql_scalars_1 = require("graphql-scalars");
const type_graphql_1 = require("type-graphql");
const connection_1 = require("../common/connection");
const filters_1 = require("../common/filters");
const type_graphql_2 = require("type-graphql");
const validators_1 = require("../common/validators");
const MAX_COUNT = 10_000_000;
let CreateProjectAnalysisInput = class CreateProjectAnalysisInput {
};
exports.CreateProjectAnalysisInput = CreateProjectAnalysisInput;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { description: 'The project analysed.' }),
    (0, class_validator_1.IsUUID)('all', { message: 'projectId must be a valid id (UUID)' }),
    __metadata("design:type", String)
], CreateProjectAnalysisInput.prototype, "projectId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLJSONObject, { nullable: true, description: 'The full report; default {}.' }),
    (0, class_validator_1.IsOptional)(),
    (0, validators_1.IsJsonObject)(),
    __metadata("design:type", Object)
], CreateProjectAnalysisInput.prototype, "analysisData", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Health score, 0 to 100.' }),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(100),
    __metadata("design:type", Number)
], CreateProjectAnalysisInput.prototype, "healthScore", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: `Issues found, 0 to ${MAX_COUNT}; default 0.` }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(MAX_COUNT),
    __metadata("design:type", Number)
], CreateProjectAnalysisInput.prototype, "issuesCount", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: `Warnings found, 0 to ${MAX_COUNT}; default 0.` }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(MAX_COUNT),
    __metadata("design:type", Number)
], CreateProjectAnalysisInput.prototype, "warningsCount", void 0);
exports.CreateProjectAnalysisInput = CreateProjectAnalysisInput = __decorate([
    (0, type_graphql_1.InputType)({ description: 'A new analysis of a project.' })
], CreateProjectAnalysisInput);
let UpdateProjectAnalysisInput = class UpdateProjectAnalysisInput {
};
exports.UpdateProjectAnalysisInput = UpdateProjectAnalysisInput;
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLJSONObject, { nullable: true, description: 'Replaces the report as a whole.' }),
    (0, validators_1.IsOmittable)(),
    (0, validators_1.IsJsonObject)(),
    __metadata("design:type", Object)
], UpdateProjectAnalysisInput.prototype, "analysisData", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: 'New health score, 0 to 100.' }),
    (0, validators_1.IsOmittable)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(100),
    __metadata("design:type", Number)
], UpdateProjectAnalysisInput.prototype, "healthScore", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: 'New issue count.' }),
    (0, validators_1.IsOmittable)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(MAX_COUNT),
    __metadata("design:type", Number)
], UpdateProjectAnalysisInput.prototype, "issuesCount", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: 'New warning count.' }),
    (0, validators_1.IsOmittable)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(MAX_COUNT),
    __metadata("design:type", Number)
], UpdateProjectAnalysisInput.prototype, "warningsCount", void 0);
exports.UpdateProjectAnalysisInput = UpdateProjectAnalysisInput = __decorate([
    (0, type_graphql_1.InputType)({ description: 'Changes to an analysis; omitted fields stay as they are.' })
], UpdateProjectAnalysisInput);
exports.ProjectAnalysisSortField = { ...filters_1.TIME_SORT, HEALTH_SCORE: 'healthScore' };
(0, type_graphql_2.registerEnumType)(exports.ProjectAnalysisSortField, { name: 'ProjectAnalysisSortField', description: 'Fields analyses can be sorted by.' });
exports.ProjectAnalysisOrder = (0, filters_1.OrderInput)(exports.ProjectAnalysisSortField, 'ProjectAnalysisOrder');
let ProjectAnalysisFilter = class ProjectAnalysisFilter {
};
exports.ProjectAnalysisFilter = ProjectAnalysisFilter;
__decorate([
    (0, type_graphql_1.Field)(() => [ProjectAnalysisFilter], { nullable: true, description: 'All of these.' }),
    __metadata("design:type", Array)
], ProjectAnalysisFilter.prototype, "AND", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [ProjectAnalysisFilter], { nullable: true, description: 'Any of these.' }),
    __metadata("design:type", Array)
], ProjectAnalysisFilter.prototype, "OR", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.IdFilter, { nullable: true, description: 'Project id.' }),
    __metadata("design:type", filters_1.IdFilter)
], ProjectAnalysisFilter.prototype, "projectId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.IntFilter, { nullable: true, description: 'Health score.' }),
    __metadata("design:type", filters_1.IntFilter)
], ProjectAnalysisFilter.prototype, "healthScore", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.IntFilter, { nullable: true, description: 'Issues found.' }),
    __metadata("design:type", filters_1.IntFilter)
], ProjectAnalysisFilter.prototype, "issuesCount", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.DateTimeFilter, { nullable: true, description: 'Creation time.' }),
    __metadata("design:type", filters_1.DateTimeFilter)
], ProjectAnalysisFilter.prototype, "createdAt", void 0);
exports.ProjectAnalysisFilter = ProjectAnalysisFilter = __decorate([
    (0, type_graphql_1.InputType)({ description: 'Conditions on analyses; all given ones must hold (combine with AND / OR).' })
], ProjectAnalysisFilter);
exports.ANALYSIS_FILTER_SPEC = {
    projectId: { prop: 'project', kind: 'id' },
    healthScore: { prop: 'healthScore', kind: 'int' },
    issuesCount: { prop: 'issuesCount', kind: 'int' },
    createdAt: { prop: 'createdAt', kind: 'date' },
};
let ProjectAnalysesArgs = class ProjectAnalysesArgs extends connection_1.PageArgs {
};
exports.ProjectAnalysesArgs = ProjectAnalysesArgs;
__decorate([
    (0, type_graphql_1.Field)(() => ProjectAnalysisFilter, { nullable: true, description: 'Typed conditions, evaluated by the database.' }),
    __metadata("design:type", Object)
], ProjectAnalysesArgs.prototype, "filter", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => exports.ProjectAnalysisOrder, { nullable: true, description: 'Sort order (default: creation time, ascending).' }),
    __metadata("design:type", void 0)
], ProjectAnalysesArgs.prototype, "orderBy", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true, description: 'Only analyses of this project.' }),
    __metadata("design:type", Object)
], ProjectAnalysesArgs.prototype, "projectId", void 0);
exports.ProjectAnalysesArgs = ProjectAnalysesArgs = __decorate([
    (0, type_graphql_1.ArgsType)()
], ProjectAnalysesArgs);
//# sourceMappingURL=analysis.inputs.js.map