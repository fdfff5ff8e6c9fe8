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
exports.UserResolver = exports.UserConnection = void 0;
const type_graphql_1 = require("type-graphql");
const entities_1 = require("../../entities");
const api_key_1 = require("../../auth/api-key");
const auto_save_resolver_1 = require("../auto-save/auto-save.resolver");
const auto_save_inputs_1 = require("../auto-save/auto-save.inputs");
const look_ahead_1 = require("../common/look-ahead");
const connection_1 = require("../common/connection");
const project_resolver_1 = require("../project/project.resolver");
const project_inputs_1 = require("../project/project.inputs");
const user_inputs_1 = require("./user.inputs");
exports.UserConnection = (0, connection_1.Connection)(entities_1.User);
let UserResolver = class UserResolver {
    user(id, ctx) {
        return ctx.users.find(id);
    }
    me(ctx) {
        return ctx.users.me();
    }
    apiKeyActive(user) {
        return (0, api_key_1.isLiveKeyHash)(user.apiKeyHash);
    }
    users(args, ctx) {
        return ctx.users.list(args);
    }
    projects(user, args, ctx, info) {
        return ctx.projects.listForOwner(user.id, args, (0, look_ahead_1.selectionOf)(info, look_ahead_1.CONNECTION_NODES));
    }
    autoSaves(user, args, ctx, info) {
        return ctx.autoSaves.listForUser(user.id, args, (0, look_ahead_1.selectionOf)(info, look_ahead_1.CONNECTION_NODES));
    }
    createUser(input, ctx) {
        return ctx.users.create(input);
    }
    updateUser(id, input, ctx) {
        return ctx.users.update(id, input);
    }
    rotateApiKey(id, ctx) {
        return ctx.users.rotateApiKey(id);
    }
    revokeApiKey(id, ctx) {
        return ctx.users.revokeApiKey(id);
    }
    deleteUser(id, ctx) {
        return ctx.users.delete(id);
    }
};
exports.UserResolver = UserResolver;
__decorate([
    (0, type_graphql_1.Query)(() => entities_1.User, { nullable: true, description: 'One user by id; null when there is none.' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID, { description: 'Id of the user.' })),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], UserResolver.prototype, "user", null);
__decorate([
    (0, type_graphql_1.Query)(() => entities_1.User, { description: 'The caller, identified by their API key.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], UserResolver.prototype, "me", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => Boolean, { description: 'False once the API key has been revoked (until the next rotation).' }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.User]),
    __metadata("design:returntype", void 0)
], UserResolver.prototype, "apiKeyActive", null);
__decorate([
    (0, type_graphql_1.Query)(() => exports.UserConnection, { description: 'Users, oldest first: all of them for an admin, yourself otherwise.' }),
    __param(0, (0, type_graphql_1.Args)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [connection_1.PageArgs, Object]),
    __metadata("design:returntype", void 0)
], UserResolver.prototype, "users", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => project_resolver_1.ProjectConnection, { description: 'Projects this user owns, oldest first.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Args)()),
    __param(2, (0, type_graphql_1.Ctx)()),
    __param(3, (0, type_graphql_1.Info)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.User, project_inputs_1.ProjectListArgs, Object, Object]),
    __metadata("design:returntype", void 0)
], UserResolver.prototype, "projects", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => auto_save_resolver_1.AutoSaveConnection, { description: 'Autosaves this user made, oldest first.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Args)()),
    __param(2, (0, type_graphql_1.Ctx)()),
    __param(3, (0, type_graphql_1.Info)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.User, auto_save_inputs_1.AutoSaveListArgs, Object, Object]),
    __metadata("design:returntype", void 0)
], UserResolver.prototype, "autoSaves", null);
__decorate([
    (0, type_graphql_1.Mutation)(() => user_inputs_1.UserWithApiKey, { description: 'Creates a user and returns their API key, once. Admins only (or anyone when open signup is on).' }),
    __param(0, (0, type_graphql_1.Arg)('input', { description: 'The values to write; validated before anything is stored.' })),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [user_inputs_1.CreateUserInput, Object]),
    __metadata("design:returntype", void 0)
], UserResolver.prototype, "createUser", null);
__decorate([
    (0, type_graphql_1.Mutation)(() => entities_1.User, { description: 'Changes a user.' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID, { description: 'Id of the user.' })),
    __param(1, (0, type_graphql_1.Arg)('input', { description: 'The values to write; validated before anything is stored.' })),
    __param(2, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, user_inputs_1.UpdateUserInput, Object]),
    __metadata("design:returntype", void 0)
], UserResolver.prototype, "updateUser", null);
__decorate([
    (0, type_graphql_1.Mutation)(() => user_inputs_1.UserWithApiKey, { description: "Replaces a user's API key and returns the new one, once." }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID, { description: 'Id of the user.' })),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], UserResolver.prototype, "rotateApiKey", null);
__decorate([
    (0, type_graphql_1.Mutation)(() => entities_1.User, { description: "Revokes a user's API key at once; rotateApiKey issues a new one." }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID, { description: 'Id of the user.' })),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], UserResolver.prototype, "revokeApiKey", null);
__decorate([
    (0, type_graphql_1.Mutation)(() => type_graphql_1.ID, { description: 'Deletes a user with their projects (and their generations and analyses) and autosaves; returns the id.' }),
    __param(0, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID, { description: 'Id of the user.' })),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], UserResolver.prototype, "deleteUser", null);
exports.UserResolver = UserResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => entities_1.User)
], UserResolver);
//# sourceMappingURL=user.resolver.js.map