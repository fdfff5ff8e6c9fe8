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
exports.CodeGenerationResolver = exports.CodeGenerationConnection = void 0;
const type_graphql_1 = require("type-graphql");
const entities_1 = require("../../entities");
const look_ahead_1 = require("../common/look-ahead");
const connection_1 = require("../common/connection");
const code_generation_inputs_1 = require("./code-generation.inputs");
exports.CodeGenerationConnection = (0, connection_1.Connection)(entities_1.CodeGeneration);
let CodeGenerationResolver = class CodeGenerationResolver {
    codeGeneration(id, ctx, info) {
        return ctx.codeGenerations.find(id, (0, look_ahead_1.selectionOf)(info));
    }
    codeGenerations(args, ctx, info) {
        return ctx.codeGenerations.list(args, (0, look_ahead_1.selectionOf)(info, look_ahead_1.CONNECTION_NODES));
    }
    project(row, ctx, info) {
        return ctx.codeGenerations.project(row, (0, look_ahead_1.selectionOf)(info));
    }
    createCodeGeneration(input, ctx) {
        return ctx.codeGenerations.create(input);
    }
    updateCodeGeneration(id, input, ctx) {
        return ctx.codeGenerations.update(id, input);
    }
    deleteCodeGeneration(id, ctx) {
        return ctx.codeGenerations.delete(id);
    }
};
exports.CodeGenerationResolver = CodeGenerationResolver;
__decorate([
    (0, type_graphql_1.Query)(() => entities_1.CodeGeneration, { nullable: true, description: 'One code generation by id; null when there is none.' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID, { description: 'Id of the code generation.' })),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Info)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object]),
    __metadata("design:returntype", void 0)
], CodeGenerationResolver.prototype, "codeGeneration", null);
__decorate([
    (0, type_graphql_1.Query)(() => exports.CodeGenerationConnection, { description: 'Code generations, oldest first, optionally filtered.' }),
    __param(0, (0, type_graphql_1.Args)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Info)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [code_generation_inputs_1.CodeGenerationsArgs, Object, Object]),
    __metadata("design:returntype", void 0)
], CodeGenerationResolver.prototype, "codeGenerations", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => entities_1.Project, { description: 'The project this generation belongs to.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Info)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.CodeGeneration, Object, Object]),
    __metadata("design:returntype", void 0)
], CodeGenerationResolver.prototype, "project", null);
__decorate([
    (0, type_graphql_1.Mutation)(() => entities_1.CodeGeneration, { description: 'Records a code generation for an existing project.' }),
    __param(0, (0, type_graphql_1.Arg)('input', { description: 'The values to write; validated before anything is stored.' })),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [code_generation_inputs_1.CreateCodeGenerationInput, Object]),
    __metadata("design:returntype", void 0)
], CodeGenerationResolver.prototype, "createCodeGeneration", null);
__decorate([
    (0, type_graphql_1.Mutation)(() => entities_1.CodeGeneration, { description: 'Changes a code generation.' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID, { description: 'Id of the code generation.' })),
    __param(1, (0, type_graphql_1.Arg)('input', { description: 'The values to write; validated before anything is stored.' })),
    __param(2, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, code_generation_inputs_1.UpdateCodeGenerationInput, Object]),
    __metadata("design:returntype", void 0)
], CodeGenerationResolver.prototype, "updateCodeGeneration", null);
__decorate([
    (0, type_graphql_1.Mutation)(() => type_graphql_1.ID, { description: 'Deletes a code generation; returns the id.' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID, { description: 'Id of the code generation.' })),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], CodeGenerationResolver.prototype, "deleteCodeGeneration", null);
exports.CodeGenerationResolver = CodeGenerationResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => entities_1.CodeGeneration)
], CodeGenerationResolver);
//# sourceMappingURL=code-generation.resolver.js.map