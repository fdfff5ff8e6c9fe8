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
exports.ProjectsArgs = exports.PROJECT_FILTER_SPEC = exports.ProjectFilter = exports.ProjectOrder = exports.ProjectSortField = exports.ProjectListArgs = exports.UpdateProjectInput = exports.CreateProjectInput = void 0;
const class_validator_1 = require("class-validator");
const graphql_scalars_1 = require("graphql-scalars");
const type_graphql_1 = require("type-graphql");
const entities_1 = require("../../entities");
const connection_1 = require("../common/connection");
const filters_1 = require("../common/filters");
const type_graphql_2 = require("type-graphql");
const validators_1 = require("../common/validators");
let CreateProjectInput = class CreateProjectInput {
};
exports.CreateProjectInput = CreateProjectInput;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true, description: 'The owner; default the caller. Only an admin may name another user.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsUUID)('all', { message: 'ownerId must be a valid id (UUID)' }),
    __metadata("design:type", Object)
], CreateProjectInput.prototype, "ownerId", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Display name, 1 to 200 characters.' }),
    (0, class_validator_1.Length)(1, 200),
    (0, validators_1.IsStorableText)(),
    __metadata("design:type", String)
], CreateProjectInput.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)({ nullable: true, description: `Description, at most ${validators_1.LIMITS.text} characters; default "".` }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.MaxLength)(validators_1.LIMITS.text),
    (0, validators_1.IsStorableText)(),
    __metadata("design:type", String)
], CreateProjectInput.prototype, "description", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => entities_1.ProjectType, { nullable: true, description: 'Kind of project; default OTHER.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsEnum)(entities_1.ProjectType),
    __metadata("design:type", String)
], CreateProjectInput.prototype, "projectType", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => entities_1.ProjectStatus, { nullable: true, description: 'Initial status; default DRAFT.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsEnum)(entities_1.ProjectStatus),
    __metadata("design:type", String)
], CreateProjectInput.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLJSONObject, { nullable: true, description: 'Configuration; default {}.' }),
    (0, class_validator_1.IsOptional)(),
    (0, validators_1.IsJsonObject)(),
    __metadata("design:type", Object)
], CreateProjectInput.prototype, "config", void 0);
exports.CreateProjectInput = CreateProjectInput = __decorate([
    (0, type_graphql_1.InputType)({ description: 'A new project.' })
], CreateProjectInput);
let UpdateProjectInput = class UpdateProjectInput {
};
exports.UpdateProjectInput = UpdateProjectInput;
__decorate([
    (0, type_graphql_1.Field)({ nullable: true, description: 'New name, 1 to 200 characters.' }),
    (0, validators_1.IsOmittable)(),
    (0, class_validator_1.Length)(1, 200),
    (0, validators_1.IsStorableText)(),
    __metadata("design:type", String)
], UpdateProjectInput.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)({ nullable: true, description: 'New description.' }),
    (0, validators_1.IsOmittable)(),
    (0, class_validator_1.MaxLength)(validators_1.LIMITS.text),
    (0, validators_1.IsStorableText)(),
    __metadata("design:type", String)
], UpdateProjectInput.prototype, "description", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => entities_1.ProjectType, { nullable: true, description: 'New kind.' }),
    (0, validators_1.IsOmittable)(),
    (0, class_validator_1.IsEnum)(entities_1.ProjectType),
    __metadata("design:type", String)
], UpdateProjectInput.prototype, "projectType", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => entities_1.ProjectStatus, { nullable: true, description: 'New status.' }),
    (0, validators_1.IsOmittable)(),
    (0, class_validator_1.IsEnum)(entities_1.ProjectStatus),
    __metadata("design:type", String)
], UpdateProjectInput.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => graphql_scalars_1.GraphQLJSONObject, { nullable: true, description: 'Replaces the configuration as a whole.' }),
    (0, validators_1.IsOmittable)(),
    (0, validators_1.IsJsonObject)(),
    __metadata("design:type", Object)
], UpdateProjectInput.prototype, "config", void 0);
exports.UpdateProjectInput = UpdateProjectInput = __decorate([
    (0, type_graphql_1.InputType)({ description: 'Changes to a project; omitted fields stay as they are.' })
], UpdateProjectInput);
let ProjectListArgs = class ProjectListArgs extends connection_1.PageArgs {
};
exports.ProjectListArgs = ProjectListArgs;
__decorate([
    (0, type_graphql_1.Field)(() => entities_1.ProjectStatus, { nullable: true, description: 'Only projects with this status.' }),
    __metadata("design:type", Object)
], ProjectListArgs.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => entities_1.ProjectType, { nullable: true, description: 'Only projects of this kind.' }),
    __metadata("design:type", Object)
], ProjectListArgs.prototype, "projectType", void 0);
exports.ProjectListArgs = ProjectListArgs = __decorate([
    (0, type_graphql_1.ArgsType)()
], ProjectListArgs);
exports.ProjectSortField = { ...filters_1.TIME_SORT, NAME: 'name', STATUS: 'status' };
(0, type_graphql_2.registerEnumType)(exports.ProjectSortField, { name: 'ProjectSortField', description: 'Fields projects can be sorted by.' });
exports.ProjectOrder = (0, filters_1.OrderInput)(exports.ProjectSortField, 'ProjectOrder');
const ProjectStatusFilter = (0, filters_1.EnumFilter)(entities_1.ProjectStatus, 'ProjectStatusFilter');
const ProjectTypeFilter = (0, filters_1.EnumFilter)(entities_1.ProjectType, 'ProjectTypeFilter');
let ProjectFilter = class ProjectFilter {
};
exports.ProjectFilter = ProjectFilter;
__decorate([
    (0, type_graphql_1.Field)(() => [ProjectFilter], { nullable: true, description: 'All of these.' }),
    __metadata("design:type", Array)
], ProjectFilter.prototype, "AND", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [ProjectFilter], { nullable: true, description: 'Any of these.' }),
    __metadata("design:type", Array)
], ProjectFilter.prototype, "OR", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.IdFilter, { nullable: true, description: 'Project id.' }),
    __metadata("design:type", filters_1.IdFilter)
], ProjectFilter.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.IdFilter, { nullable: true, description: 'Owner id.' }),
    __metadata("design:type", filters_1.IdFilter)
], ProjectFilter.prototype, "ownerId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.StringFilter, { nullable: true, description: 'Name.' }),
    __metadata("design:type", filters_1.StringFilter)
], ProjectFilter.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.StringFilter, { nullable: true, description: 'Description.' }),
    __metadata("design:type", filters_1.StringFilter)
], ProjectFilter.prototype, "description", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => ProjectStatusFilter, { nullable: true, description: 'Status.' }),
    __metadata("design:type", void 0)
], ProjectFilter.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => ProjectTypeFilter, { nullable: true, description: 'Kind of project.' }),
    __metadata("design:type", void 0)
], ProjectFilter.prototype, "projectType", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.DateTimeFilter, { nullable: true, description: 'Creation time.' }),
    __metadata("design:type", filters_1.DateTimeFilter)
], ProjectFilter.prototype, "createdAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => filters_1.DateTimeFilter, { nullable: true, description: 'Last change.' }),
    __metadata("design:type", filters_1.DateTimeFilter)
], ProjectFilter.prototype, "updatedAt", void 0);
exports.ProjectFilter = ProjectFilter = __decorate([
    (0, type_graphql_1.InputType)({ description: 'Conditions on projects; all given ones must hold (combine with AND / OR).' })
], ProjectFilter);
exports.PROJECT_FILTER_SPEC = {
    id: { prop: 'id', kind: 'id' },
    ownerId: { prop: 'owner', kind: 'id' },
    name: { prop: 'name', kind: 'string' },
    description: { prop: 'description', kind: 'string' },
    status: { prop: 'status', kind: 'enum' },
    projectType: { prop: 'projectType', kind: 'enum' },
    createdAt: { prop: 'createdAt', kind: 'date' },
    updatedAt: { prop: 'updatedAt', kind: 'date' },
};
let ProjectsArgs = class ProjectsArgs extends ProjectListArgs {
};
exports.ProjectsArgs = ProjectsArgs;
__decorate([
    (0, type_graphql_1.Field)(() => ProjectFilter, { nullable: true, description: 'Typed conditions, evaluated by the database.' }),
    __metadata("design:type", Object)
], ProjectsArgs.prototype, "filter", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => exports.ProjectOrder, { nullable: true, description: 'Sort order (default: creation time, ascending).' }),
    __metadata("design:type", void 0)
], ProjectsArgs.prototype, "orderBy", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true, description: 'Only projects owned by this user.' }),
    __metadata("design:type", Object)
], ProjectsArgs.prototype, "ownerId", void 0);
exports.ProjectsArgs = ProjectsArgs = __decorate([
    (0, type_graphql_1.ArgsType)()
], ProjectsArgs);
//# sourceMappingURL=project.inputs.js.map