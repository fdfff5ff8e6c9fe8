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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AnalysisResolver = exports.ProjectAnalysisConnection = void 0;
const type_graphql_1 = require("type-graphql");
const entities_1 = require("../../entities");
const look_ahead_1 = require("../common/look-ahead");
const connection_1 = require("../common/connection");
const analysis_inputs_1 = require("./analysis.inputs");
exports.ProjectAnalysisConnection = (0, connection_1.Connection)(entities_1.ProjectAnalysis);
let AnalysisResolver = class AnalysisResolver {
    projectAnalysis(id, ctx, info) {
        return ctx.analyses.find(id, (0, look_ahead_1.selectionOf)(info));
    }
    projectAnalyses(args, ctx, info) {
        return ctx.analyses.list(args, (0, look_ahead_1.selectionOf)(info, look_ahead_1.CONNECTION_NODES));
    }
    project(row, ctx, info) {
        return ctx.analyses.project(row, (0, look_ahead_1.selectionOf)(info));
    }
    createProjectAnalysis(input, ctx) {
        return ctx.analyses.create(input);
    }
    updateProjectAnalysis(id, input, ctx) {
        return ctx.analyses.update(id, input);
    }
    deleteProjectAnalysis(id, ctx) {
        return ctx.analyses.delete(id);
    }
};
exports.AnalysisResolver = AnalysisResolver;
__decorate([
    (0, type_graphql_1.Query)(() => entities_1.ProjectAnalysis, { nullable: true, description: 'One analysis by id; null when there is none.' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID, { description: 'Id of the analysis.' })),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Info)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object]),
    __metadata("design:returntype", void 0)
], AnalysisResolver.prototype, "projectAnalysis", null);
__decorate([
    (0, type_graphql_1.Query)(() => exports.ProjectAnalysisConnection, { description: 'Analyses, oldest first, optionally of one project.' }),
    __param(0, (0, type_graphql_1.Args)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Info)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [analysis_inputs_1.ProjectAnalysesArgs, Object, Object]),
    __metadata("design:returntype", void 0)
], AnalysisResolver.prototype, "projectAnalyses", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => entities_1.Project, { description: 'The project analysed.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Info)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.ProjectAnalysis, Object, Object]),
    __metadata("design:returntype", void 0)
], AnalysisResolver.prototype, "project", null);
__decorate([
    (0, type_graphql_1.Mutation)(() => entities_1.ProjectAnalysis, { description: 'Records an analysis of an existing project.' }),
    __param(0, (0, type_graphql_1.Arg)('input', { description: 'The values to write; validated before anything is stored.' })),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [analysis_inputs_1.CreateProjectAnalysisInput, Object]),
    __metadata("design:returntype", void 0)
], AnalysisResolver.prototype, "createProjectAnalysis", null);
__decorate([
    (0, type_graphql_1.Mutation)(() => entities_1.ProjectAnalysis, { description: 'Changes an analysis.' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID, { description: 'Id of the analysis.' })),
    __param(1, (0, type_graphql_1.Arg)('input', { description: 'The values to write; validated before anything is stored.' })),
    __param(2, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, analysis_inputs_1.UpdateProjectAnalysisInput, Object]),
    __metadata("design:returntype", void 0)
], AnalysisResolver.prototype, "updateProjectAnalysis", null);
__decorate([
    (0, type_graphql_1.Mutation)(() => type_graphql_1.ID, { description: 'Deletes an analysis; returns the id.' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID, { description: 'Id of the analysis.' })),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], AnalysisResolver.prototype, "deleteProjectAnalysis", null);
exports.AnalysisResolver = AnalysisResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => entities_1.ProjectAnalysis)
], AnalysisResolver);
//# sourceMappingURL=analysis.resolver.js.map