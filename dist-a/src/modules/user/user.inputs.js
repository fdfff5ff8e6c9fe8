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
exports.UserWithApiKey = exports.UpdateUserInput = exports.CreateUserInput = void 0;
const class_validator_1 = require("class-validator");
const graphql_scalars_1 = require("graphql-scalars");
const type_graphql_1 = require("type-graphql");
const entities_1 = require("../../entities");
const validators_1 = require("../common/validators");
const USERNAME = /^[A-Za-z0-9._-]+$/;
const USERNAME_MESSAGE = 'username may contain only letters, digits, ".", "_" and "-"';
let CreateUserInput = class CreateUserInput {
};
exports.CreateUserInput = CreateUserInput;
__decorate([
    (0, type_graphql_1.Field)({ description: 'Unique handle, 3 to 40 characters of letters, digits, ".", "_" or "-".' }),
    (0, class_validator_1.Length)(3, 40),
    (0, class_validator_1.Matches)(USERNAME, { message: USERNAME_MESSAGE }),
    __metadata("design:type", String)
], CreateUserInput.prototype, "username", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Unique email address (compared case-insensitively).' }),
    (0, validators_1.IsEmailAddress)(),
    (0, class_validator_1.Length)(3, 254),
    __metadata("design:type", String)
], CreateUserInput.prototype, "email", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLJSONObject, { nullable: true, description: 'Preferences; default {} (also when null).' }),
    (0, class_validator_1.IsOptional)(),
    (0, validators_1.IsJsonObject)(),
    __metadata("design:type", Object)
], CreateUserInput.prototype, "preferences", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => entities_1.UserRole, { nullable: true, description: 'Role; default USER. Only an admin may give ADMIN.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsEnum)(entities_1.UserRole),
    __metadata("design:type", Object)
], CreateUserInput.prototype, "role", void 0);
exports.CreateUserInput = CreateUserInput = __decorate([
    (0, type_graphql_1.InputType)({ description: 'A new user.' })
], CreateUserInput);
let UpdateUserInput = class UpdateUserInput {
};
exports.UpdateUserInput = UpdateUserInput;
__decorate([
    (0, type_graphql_1.Field)({ nullable: true, description: 'New unique handle.' }),
    (0, validators_1.IsOmittable)(),
    (0, class_validator_1.Length)(3, 40),
    (0, class_validator_1.Matches)(USERNAME, { message: USERNAME_MESSAGE }),
    __metadata("design:type", String)
], UpdateUserInput.prototype, "username", void 0);
__decorate([
    (0, type_graphql_1.Field)({ nullable: true, description: 'New unique email address.' }),
    (0, validators_1.IsOmittable)(),
    (0, validators_1.IsEmailAddress)(),
    (0, class_validator_1.Length)(3, 254),
    __metadata("design:type", String)
], UpdateUserInput.prototype, "email", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLJSONObject, { nullable: true, description: 'Replaces the preferences object as a whole.' }),
    (0, validators_1.IsOmittable)(),
    (0, validators_1.IsJsonObject)(),
    __metadata("design:type", Object)
], UpdateUserInput.prototype, "preferences", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => entities_1.UserRole, { nullable: true, description: 'New role; admins only.' }),
    (0, validators_1.IsOmittable)(),
    (0, class_validator_1.IsEnum)(entities_1.UserRole),
    __metadata("design:type", String)
], UpdateUserInput.prototype, "role", void 0);
exports.UpdateUserInput = UpdateUserInput = __decorate([
    (0, type_graphql_1.InputType)({ description: 'Changes to a user; omitted fields stay as they are.' })
], UpdateUserInput);
let UserWithApiKey = class UserWithApiKey {
};
exports.UserWithApiKey = UserWithApiKey;
__decorate([
    (0, type_graphql_1.Field)(() => entities_1.User, { description: 'The user.' }),
    __metadata("design:type", entities_1.User)
], UserWithApiKey.prototype, "user", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'The API key in clear. Shown this once: only its hash is stored.' }),
    __metadata("design:type", String)
], UserWithApiKey.prototype, "apiKey", void 0);
exports.UserWithApiKey = UserWithApiKey = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'A user together with their API key, returned only when the key is made.', simpleResolvers: true })
], UserWithApiKey);
//# sourceMappingURL=user.inputs.js.map