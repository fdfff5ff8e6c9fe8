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
exports.ProjectResolver = exports.ProjectConnection = void 0;
const type_graphql_1 = require("type-graphql");
const entities_1 = require("../../entities");
const analysis_resolver_1 = require("../analysis/analysis.resolver");
const code_generation_resolver_1 = require("../code-generation/code-generation.resolver");
const code_generation_inputs_1 = require("../code-generation/code-generation.inputs");
const look_ahead_1 = require("../common/look-ahead");
const connection_1 = require("../common/connection");
const project_inputs_1 = require("./project.inputs");
exports.ProjectConnection = (0, connection_1.Connection)(entities_1.Project);
let ProjectResolver = class ProjectResolver {
    project(id, ctx, info) {
        return ctx.projects.find(id, (0, look_ahead_1.selectionOf)(info));
    }
    projects(args, ctx, info) {
        return ctx.projects.list(args, (0, look_ahead_1.selectionOf)(info, look_ahead_1.CONNECTION_NODES));
    }
    owner(project, ctx, info) {
        return ctx.projects.owner(project, (0, look_ahead_1.selectionOf)(info));
    }
    codeGenerations(project, args, ctx, info) {
        return ctx.codeGenerations.listForProject(project.id, args, (0, look_ahead_1.selectionOf)(info, look_ahead_1.CONNECTION_NODES));
    }
    analyses(project, args, ctx, info) {
        return ctx.analyses.listForProject(project.id, args, (0, look_ahead_1.selectionOf)(info, look_ahead_1.CONNECTION_NODES));
    }
    latestAnalysis(project, ctx, info) {
        return ctx.analyses.latestFor(project.id, (0, look_ahead_1.selectionOf)(info));
    }
    createProject(input, ctx) {
        return ctx.projects.create(input);
    }
    updateProject(id, input, ctx) {
        return ctx.projects.update(id, input);
    }
    deleteProject(id, ctx) {
        return ctx.projects.delete(id);
    }
};
exports.ProjectResolver = ProjectResolver;
__decorate([
    (0, type_graphql_1.Query)(() => entities_1.Project, { nullable: true, description: 'One project by id; null when there is none.' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID, { description: 'Id of the project.' })),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Info)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object]),
    __metadata("design:returntype", void 0)
], ProjectResolver.prototype, "project", null);
__decorate([
    (0, type_graphql_1.Query)(() => exports.ProjectConnection, { description: 'Projects, oldest first, optionally filtered.' }),
    __param(0, (0, type_graphql_1.Args)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Info)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [project_inputs_1.ProjectsArgs, Object, Object]),
    __metadata("design:returntype", void 0)
], ProjectResolver.prototype, "projects", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => entities_1.User, { description: 'The user who owns the project.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Info)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Project, Object, Object]),
    __metadata("design:returntype", void 0)
], ProjectResolver.prototype, "owner", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => code_generation_resolver_1.CodeGenerationConnection, { description: 'Code generations of this project, oldest first.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Args)()),
    __param(2, (0, type_graphql_1.Ctx)()),
    __param(3, (0, type_graphql_1.Info)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Project, code_generation_inputs_1.CodeGenerationListArgs, Object, Object]),
    __metadata("design:returntype", void 0)
], ProjectResolver.prototype, "codeGenerations", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => analysis_resolver_1.ProjectAnalysisConnection, { description: 'Analyses of this project, oldest first.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Args)()),
    __param(2, (0, type_graphql_1.Ctx)()),
    __param(3, (0, type_graphql_1.Info)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Project, connection_1.PageArgs, Object, Object]),
    __metadata("design:returntype", void 0)
], ProjectResolver.prototype, "analyses", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => entities_1.ProjectAnalysis, { nullable: true, description: 'The most recent analysis; null when none.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Info)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Project, Object, Object]),
    __metadata("design:returntype", void 0)
], ProjectResolver.prototype, "latestAnalysis", null);
__decorate([
    (0, type_graphql_1.Mutation)(() => entities_1.Project, { description: 'Creates a project for an existing user.' }),
    __param(0, (0, type_graphql_1.Arg)('input', { description: 'The values to write; validated before anything is stored.' })),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [project_inputs_1.CreateProjectInput, Object]),
    __metadata("design:returntype", void 0)
], ProjectResolver.prototype, "createProject", null);
__decorate([
    (0, type_graphql_1.Mutation)(() => entities_1.Project, { description: 'Changes a project.' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID, { description: 'Id of the project.' })),
    __param(1, (0, type_graphql_1.Arg)('input', { description: 'The values to write; validated before anything is stored.' })),
    __param(2, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, project_inputs_1.UpdateProjectInput, Object]),
    __metadata("design:returntype", void 0)
], ProjectResolver.prototype, "updateProject", null);
__decorate([
    (0, type_graphql_1.Mutation)(() => type_graphql_1.ID, { description: 'Deletes a project with its code generations and analyses; returns the id.' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID, { description: 'Id of the project.' })),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], ProjectResolver.prototype, "deleteProject", null);
exports.ProjectResolver = ProjectResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => entities_1.Project)
], ProjectResolver);
//# sourceMappingURL=project.resolver.js.map