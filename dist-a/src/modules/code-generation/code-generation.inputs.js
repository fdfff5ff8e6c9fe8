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
exports.CodeGenerationsArgs = exports.CODE_GENERATION_FILTER_SPEC = exports.CodeGenerationFilter = exports.CodeGenerationOrder = exports.CodeGenerationSortField = exports.CodeGenerationListArgs = exports.UpdateCodeGenerationInput = exports.CreateCodeGenerationInput = void 0;
const class_validator_1 = require("class-validator");
const type_graphql_1 = require("type-graphql");
const entities_1 = require("../../entities");
const connection_1 = require("../common/connection");
const filters_1 = require("../common/filters");
const type_graphql_2 = require("type-graphql");
const validators_1 = require("../common/validators");
/** Languages and frameworks are identifiers such as "typescript", "c++", "next.js". */
const IDENT = /^[A-Za-z0-9][A-Za-z0-9+#._ -]*$/;
const IDENT_MESSAGE = '$property must start with a letter or digit and use only letters, digits, "+#._ -"';
const MAX_TOKENS = 100_000_000;
let CreateCodeGenerationInput = class CreateCodeGenerationInput {
};
exports.CreateCodeGenerationInput = CreateCodeGenerationInput;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { description: 'The project it belongs to.' }),
    (0, class_validator_1.IsUUID)('all', { message: 'projectId must be a valid id (UUID)' }),
    __metadata("design:type", String)
], CreateCodeGenerationInput.prototype, "projectId", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: `What to generate, 1 to ${validators_1.LIMITS.text} characters.` }),
    (0, class_validator_1.Length)(1, validators_1.LIMITS.text),
    (0, validators_1.IsStorableText)(),
    __metadata("design:type", String)
], CreateCodeGenerationInput.prototype, "specification", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Target language, 1 to 40 characters, e.g. "python".' }),
    (0, class_validator_1.Length)(1, 40),
    (0, class_validator_1.Matches)(IDENT, { message: IDENT_MESSAGE }),
    __metadata("design:type", String)
], CreateCodeGenerationInput.prototype, "language", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Target framework, 1 to 60 characters; default null.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Length)(1, 60),
    (0, class_validator_1.Matches)(IDENT, { message: IDENT_MESSAGE }),
    __metadata("design:type", String)
], CreateCodeGenerationInput.prototype, "framework", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: `Generated code, at most ${validators_1.LIMITS.content} characters.` }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.MaxLength)(validators_1.LIMITS.content),
    (0, validators_1.IsStorableText)(),
    __metadata("design:type", String)
], CreateCodeGenerationInput.prototype, "generatedCode", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => entities_1.GenerationStatus, { nullable: true, description: 'Initial status; default PENDING.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsEnum)(entities_1.GenerationStatus),
    __metadata("design:type", String)
], CreateCodeGenerationInput.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: `Tokens used, 0 to ${MAX_TOKENS}; default 0.` }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(MAX_TOKENS),
    __metadata("design:type", Number)
], CreateCodeGenerationInput.prototype, "tokensUsed", void 0);
exports.CreateCodeGenerationInput = CreateCodeGenerationInput = __decorate([
    (0, type_graphql_1.InputType)({ description: 'A new code generation.' })
], CreateCodeGenerationInput);
let UpdateCodeGenerationInput = class UpdateCodeGenerationInput {
};
exports.UpdateCodeGenerationInput = UpdateCodeGenerationInput;
__decorate([
    (0, type_graphql_1.Field)({ nullable: true, description: 'New specification.' }),
    (0, validators_1.IsOmittable)(),
    (0, class_validator_1.Length)(1, validators_1.LIMITS.text),
    (0, validators_1.IsStorableText)(),
    __metadata("design:type", String)
], UpdateCodeGenerationInput.prototype, "specification", void 0);
__decorate([
    (0, type_graphql_1.Field)({ nullable: true, description: 'New language.' }),
    (0, validators_1.IsOmittable)(),
    (0, class_validator_1.Length)(1, 40),
    (0, class_validator_1.Matches)(IDENT, { message: IDENT_MESSAGE }),
    __metadata("design:type", String)
], UpdateCodeGenerationInput.prototype, "language", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'New framework; null clears it.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Length)(1, 60),
    (0, class_validator_1.Matches)(IDENT, { message: IDENT_MESSAGE }),
    __metadata("design:type", Object)
], UpdateCodeGenerationInput.prototype, "framework", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'New generated code; null clears it.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.MaxLength)(validators_1.LIMITS.content),
    (0, validators_1.IsStorableText)(),
    __metadata("design:type", Object)
], UpdateCodeGenerationInput.prototype, "generatedCode", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => entities_1.GenerationStatus, { nullable: true, description: 'New status.' }),
    (0, validators_1.IsOmittable)(),
    (0, class_validator_1.IsEnum)(entities_1.GenerationStatus),
    __metadata("design:type", String)
], UpdateCodeGenerationInput.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: 'New token count.' }),
    (0, validators_1.IsOmittable)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(MAX_TOKENS),
    __metadata("design:type", Number)
], UpdateCodeGenerationInput.prototype, "tokensUsed", void 0);
exports.UpdateCodeGenerationInput = UpdateCodeGenerationInput = __decorate([
    (0, type_graphql_1.InputType)({ description: 'Changes to a code generation; omitted fields stay, null clears framework or generatedCode.' })
], UpdateCodeGenerationInput);
let CodeGenerationListArgs = class CodeGenerationListArgs extends connection_1.PageArgs {
};
exports.CodeGenerationListArgs = CodeGenerationListArgs;
__decorate([
    (0, type_graphql_1.Field)(() => entities_1.GenerationStatus, { nullable: true, description: 'Only generations with this status.' }),
    __metadata("design:type", Object)
], CodeGenerationListArgs.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Only generations in this language.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.MaxLength)(40),
    (0, validators_1.IsStorableText)(),
    __metadata("design:type", Object)
], CodeGenerationListArgs.prototype, "language", void 0);
exports.CodeGenerationListArgs = CodeGenerationListArgs = __decorate([
    (0, type_graphql_1.ArgsType)()
], CodeGenerationListArgs);
exports.CodeGenerationSortField = { ...filters_1.TIME_SORT, TOKENS_USED: 'tokensUsed', STATUS: 'status' };
(0, type_graphql_2.registerEnumType)(exports.CodeGenerationSortField, { name: 'CodeGenerationSortField', description: 'Fields code generations can be sorted by.' });
exports.CodeGenerationOrder = (0, filters_1.OrderInput)(exports.CodeGenerationSortField, 'CodeGenerationOrder');
const GenerationStatusFilter = (0, filters_1.EnumFilter)(entities_1.GenerationStatus, 'GenerationStatusFilter');
let CodeGenerationFilter = class CodeGenerationFilter {
};
exports.CodeGenerationFilter = CodeGenerationFilter;
__decorate([
    (0, type_graphql_1.Field)(() => [CodeGenerationFilter], { nullable: true, description: 'All of these.' }),
    __metadata("design:type", Array)
], CodeGenerationFilter.prototype, "AND", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [CodeGenerationFilter], { nullable: true, description: 'Any of these.' }),
    __metadata("design:type", Array)
], CodeGenerationFilter.prototype, "OR", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.IdFilter, { nullable: true, description: 'Generation id.' }),
    __metadata("design:type", filters_1.IdFilter)
], CodeGenerationFilter.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.IdFilter, { nullable: true, description: 'Project id.' }),
    __metadata("design:type", filters_1.IdFilter)
], CodeGenerationFilter.prototype, "projectId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => GenerationStatusFilter, { nullable: true, description: 'Status.' }),
    __metadata("design:type", void 0)
], CodeGenerationFilter.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.StringFilter, { nullable: true, description: 'Language.' }),
    __metadata("design:type", filters_1.StringFilter)
], CodeGenerationFilter.prototype, "language", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.StringFilter, { nullable: true, description: 'Framework.' }),
    __metadata("design:type", filters_1.StringFilter)
], CodeGenerationFilter.prototype, "framework", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.StringFilter, { nullable: true, description: 'Specification text.' }),
    __metadata("design:type", filters_1.StringFilter)
], CodeGenerationFilter.prototype, "specification", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.IntFilter, { nullable: true, description: 'Tokens used.' }),
    __metadata("design:type", filters_1.IntFilter)
], CodeGenerationFilter.prototype, "tokensUsed", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.DateTimeFilter, { nullable: true, description: 'Creation time.' }),
    __metadata("design:type", filters_1.DateTimeFilter)
], CodeGenerationFilter.prototype, "createdAt", void 0);
exports.CodeGenerationFilter = CodeGenerationFilter = __decorate([
    (0, type_graphql_1.InputType)({ description: 'Conditions on code generations; all given ones must hold (combine with AND / OR).' })
], CodeGenerationFilter);
exports.CODE_GENERATION_FILTER_SPEC = {
    id: { prop: 'id', kind: 'id' },
    projectId: { prop: 'project', kind: 'id' },
    status: { prop: 'status', kind: 'enum' },
    language: { prop: 'language', kind: 'string' },
    framework: { prop: 'framework', kind: 'string' },
    specification: { prop: 'specification', kind: 'string' },
    tokensUsed: { prop: 'tokensUsed', kind: 'int' },
    createdAt: { prop: 'createdAt', kind: 'date' },
};
let CodeGenerationsArgs = class CodeGenerationsArgs extends CodeGenerationListArgs {
};
exports.CodeGenerationsArgs = CodeGenerationsArgs;
__decorate([
    (0, type_graphql_1.Field)(() => CodeGenerationFilter, { nullable: true, description: 'Typed conditions, evaluated by the database.' }),
    __metadata("design:type", Object)
], CodeGenerationsArgs.prototype, "filter", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => exports.CodeGenerationOrder, { nullable: true, description: 'Sort order (default: creation time, ascending).' }),
    __metadata("design:type", void 0)
], CodeGenerationsArgs.prototype, "orderBy", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true, description: 'Only generations of this project.' }),
    __metadata("design:type", Object)
], CodeGenerationsArgs.prototype, "projectId", void 0);
exports.CodeGenerationsArgs = CodeGenerationsArgs = __decorate([
    (0, type_graphql_1.ArgsType)()
], CodeGenerationsArgs);
//# sourceMappingURL=code-generation.inputs.js.map