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
exports.AutoSavesArgs = exports.AUTO_SAVE_FILTER_SPEC = exports.AutoSaveFilter = exports.AutoSaveOrder = exports.AutoSaveSortField = exports.AutoSaveListArgs = exports.UpdateAutoSaveInput = exports.CreateAutoSaveInput = void 0;
const class_validator_1 = require("class-validator");
const graphql_scalars_1 = require("graphql-scalars");
const type_graphql_1 = require("type-graphql");
const entities_1 = require("../../entities");
const connection_1 = require("../common/connection");
const filters_1 = require("../common/filters");
const type_graphql_2 = require("type-graphql");
const validators_1 = require("../common/validators");
let CreateAutoSaveInput = class CreateAutoSaveInput {
};
exports.CreateAutoSaveInput = CreateAutoSaveInput;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true, description: 'The user who made the save; default the caller. Only an admin may name another user.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsUUID)('all', { message: 'userId must be a valid id (UUID)' }),
    __metadata("design:type", Object)
], CreateAutoSaveInput.prototype, "userId", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Editing-session identifier, 1 to 100 characters.' }),
    (0, class_validator_1.Length)(1, 100),
    (0, validators_1.IsStorableText)(),
    __metadata("design:type", String)
], CreateAutoSaveInput.prototype, "saveId", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'File path, 1 to 1024 characters.' }),
    (0, class_validator_1.Length)(1, 1024),
    (0, validators_1.IsStorableText)(),
    __metadata("design:type", String)
], CreateAutoSaveInput.prototype, "filePath", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: `File content, at most ${validators_1.LIMITS.content} characters.` }),
    (0, class_validator_1.MaxLength)(validators_1.LIMITS.content),
    (0, validators_1.IsStorableText)(),
    __metadata("design:type", String)
], CreateAutoSaveInput.prototype, "content", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => entities_1.SaveType, { nullable: true, description: 'Why the save was taken; default AUTO.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsEnum)(entities_1.SaveType),
    __metadata("design:type", String)
], CreateAutoSaveInput.prototype, "saveType", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLJSONObject, { nullable: true, description: 'Free-form metadata; default {}.' }),
    (0, class_validator_1.IsOptional)(),
    (0, validators_1.IsJsonObject)(),
    __metadata("design:type", Object)
], CreateAutoSaveInput.prototype, "metadata", void 0);
exports.CreateAutoSaveInput = CreateAutoSaveInput = __decorate([
    (0, type_graphql_1.InputType)({ description: 'A new autosave. Its size is computed by the server from content.' })
], CreateAutoSaveInput);
let UpdateAutoSaveInput = class UpdateAutoSaveInput {
};
exports.UpdateAutoSaveInput = UpdateAutoSaveInput;
__decorate([
    (0, type_graphql_1.Field)({ nullable: true, description: 'New file path.' }),
    (0, validators_1.IsOmittable)(),
    (0, class_validator_1.Length)(1, 1024),
    (0, validators_1.IsStorableText)(),
    __metadata("design:type", String)
], UpdateAutoSaveInput.prototype, "filePath", void 0);
__decorate([
    (0, type_graphql_1.Field)({ nullable: true, description: 'New content; sizeChars follows it.' }),
    (0, validators_1.IsOmittable)(),
    (0, class_validator_1.MaxLength)(validators_1.LIMITS.content),
    (0, validators_1.IsStorableText)(),
    __metadata("design:type", String)
], UpdateAutoSaveInput.prototype, "content", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => entities_1.SaveType, { nullable: true, description: 'New save type.' }),
    (0, validators_1.IsOmittable)(),
    (0, class_validator_1.IsEnum)(entities_1.SaveType),
    __metadata("design:type", String)
], UpdateAutoSaveInput.prototype, "saveType", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLJSONObject, { nullable: true, description: 'Replaces the metadata as a whole.' }),
    (0, validators_1.IsOmittable)(),
    (0, validators_1.IsJsonObject)(),
    __metadata("design:type", Object)
], UpdateAutoSaveInput.prototype, "metadata", void 0);
exports.UpdateAutoSaveInput = UpdateAutoSaveInput = __decorate([
    (0, type_graphql_1.InputType)({ description: 'Changes to an autosave; omitted fields stay as they are.' })
], UpdateAutoSaveInput);
let AutoSaveListArgs = class AutoSaveListArgs extends connection_1.PageArgs {
};
exports.AutoSaveListArgs = AutoSaveListArgs;
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Only saves of this editing session.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.MaxLength)(100),
    (0, validators_1.IsStorableText)(),
    __metadata("design:type", Object)
], AutoSaveListArgs.prototype, "saveId", void 0);
exports.AutoSaveListArgs = AutoSaveListArgs = __decorate([
    (0, type_graphql_1.ArgsType)()
], AutoSaveListArgs);
exports.AutoSaveSortField = { ...filters_1.TIME_SORT };
(0, type_graphql_2.registerEnumType)(exports.AutoSaveSortField, { name: 'AutoSaveSortField', description: 'Fields autosaves can be sorted by.' });
exports.AutoSaveOrder = (0, filters_1.OrderInput)(exports.AutoSaveSortField, 'AutoSaveOrder');
const SaveTypeFilter = (0, filters_1.EnumFilter)(entities_1.SaveType, 'SaveTypeFilter');
let AutoSaveFilter = class AutoSaveFilter {
};
exports.AutoSaveFilter = AutoSaveFilter;
__decorate([
    (0, type_graphql_1.Field)(() => [AutoSaveFilter], { nullable: true, description: 'All of these.' }),
    __metadata("design:type", Array)
], AutoSaveFilter.prototype, "AND", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [AutoSaveFilter], { nullable: true, description: 'Any of these.' }),
    __metadata("design:type", Array)
], AutoSaveFilter.prototype, "OR", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.StringFilter, { nullable: true, description: 'File path.' }),
    __metadata("design:type", filters_1.StringFilter)
], AutoSaveFilter.prototype, "filePath", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.StringFilter, { nullable: true, description: 'Editing session.' }),
    __metadata("design:type", filters_1.StringFilter)
], AutoSaveFilter.prototype, "saveId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => SaveTypeFilter, { nullable: true, description: 'Save type.' }),
    __metadata("design:type", void 0)
], AutoSaveFilter.prototype, "saveType", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.DateTimeFilter, { nullable: true, description: 'Creation time.' }),
    __metadata("design:type", filters_1.DateTimeFilter)
], AutoSaveFilter.prototype, "createdAt", void 0);
exports.AutoSaveFilter = AutoSaveFilter = __decorate([
    (0, type_graphql_1.InputType)({ description: 'Conditions on autosaves; all given ones must hold (combine with AND / OR).' })
], AutoSaveFilter);
exports.AUTO_SAVE_FILTER_SPEC = {
    filePath: { prop: 'filePath', kind: 'string' },
    saveId: { prop: 'saveId', kind: 'string' },
    saveType: { prop: 'saveType', kind: 'enum' },
    createdAt: { prop: 'createdAt', kind: 'date' },
};
let AutoSavesArgs = class AutoSavesArgs extends AutoSaveListArgs {
};
exports.AutoSavesArgs = AutoSavesArgs;
__decorate([
    (0, type_graphql_1.Field)(() => AutoSaveFilter, { nullable: true, description: 'Typed conditions, evaluated by the database.' }),
    __metadata("design:type", Object)
], AutoSavesArgs.prototype, "filter", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => exports.AutoSaveOrder, { nullable: true, description: 'Sort order (default: creation time, ascending).' }),
    __metadata("design:type", void 0)
], AutoSavesArgs.prototype, "orderBy", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true, description: 'Only saves made by this user.' }),
    __metadata("design:type", Object)
], AutoSavesArgs.prototype, "userId", void 0);
exports.AutoSavesArgs = AutoSavesArgs = __decorate([
    (0, type_graphql_1.ArgsType)()
], AutoSavesArgs);
//# sourceMappingURL=auto-save.inputs.js.map