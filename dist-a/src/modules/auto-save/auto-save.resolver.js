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
exports.AutoSaveResolver = exports.AutoSaveConnection = void 0;
const type_graphql_1 = require("type-graphql");
const entities_1 = require("../../entities");
const look_ahead_1 = require("../common/look-ahead");
const connection_1 = require("../common/connection");
const auto_save_inputs_1 = require("./auto-save.inputs");
exports.AutoSaveConnection = (0, connection_1.Connection)(entities_1.AutoSave);
let AutoSaveResolver = class AutoSaveResolver {
    autoSave(id, ctx, info) {
        return ctx.autoSaves.find(id, (0, look_ahead_1.selectionOf)(info));
    }
    autoSaves(args, ctx, info) {
        return ctx.autoSaves.list(args, (0, look_ahead_1.selectionOf)(info, look_ahead_1.CONNECTION_NODES));
    }
    user(row, ctx, info) {
        return ctx.autoSaves.user(row, (0, look_ahead_1.selectionOf)(info));
    }
    createAutoSave(input, ctx) {
        return ctx.autoSaves.create(input);
    }
    updateAutoSave(id, input, ctx) {
        return ctx.autoSaves.update(id, input);
    }
    deleteAutoSave(id, ctx) {
        return ctx.autoSaves.delete(id);
    }
};
exports.AutoSaveResolver = AutoSaveResolver;
__decorate([
    (0, type_graphql_1.Query)(() => entities_1.AutoSave, { nullable: true, description: 'One autosave by id; null when there is none.' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID, { description: 'Id of the autosave.' })),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Info)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object]),
    __metadata("design:returntype", void 0)
], AutoSaveResolver.prototype, "autoSave", null);
__decorate([
    (0, type_graphql_1.Query)(() => exports.AutoSaveConnection, { description: 'Autosaves, oldest first, optionally filtered.' }),
    __param(0, (0, type_graphql_1.Args)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Info)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [auto_save_inputs_1.AutoSavesArgs, Object, Object]),
    __metadata("design:returntype", void 0)
], AutoSaveResolver.prototype, "autoSaves", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => entities_1.User, { description: 'The user who made the save.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Info)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.AutoSave, Object, Object]),
    __metadata("design:returntype", void 0)
], AutoSaveResolver.prototype, "user", null);
__decorate([
    (0, type_graphql_1.Mutation)(() => entities_1.AutoSave, { description: 'Stores a snapshot of a file; sizeChars is computed from content.' }),
    __param(0, (0, type_graphql_1.Arg)('input', { description: 'The values to write; validated before anything is stored.' })),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [auto_save_inputs_1.CreateAutoSaveInput, Object]),
    __metadata("design:returntype", void 0)
], AutoSaveResolver.prototype, "createAutoSave", null);
__decorate([
    (0, type_graphql_1.Mutation)(() => entities_1.AutoSave, { description: 'Changes an autosave.' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID, { description: 'Id of the autosave.' })),
    __param(1, (0, type_graphql_1.Arg)('input', { description: 'The values to write; validated before anything is stored.' })),
    __param(2, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, auto_save_inputs_1.UpdateAutoSaveInput, Object]),
    __metadata("design:returntype", void 0)
], AutoSaveResolver.prototype, "updateAutoSave", null);
__decorate([
    (0, type_graphql_1.Mutation)(() => type_graphql_1.ID, { description: 'Deletes an autosave; returns the id.' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID, { description: 'Id of the autosave.' })),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], AutoSaveResolver.prototype, "deleteAutoSave", null);
exports.AutoSaveResolver = AutoSaveResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => entities_1.AutoSave)
], AutoSaveResolver);
//# sourceMappingURL=auto-save.resolver.js.map