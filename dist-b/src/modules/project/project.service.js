"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ProjectService = void 0;
const entities_1 = require("../../entities");
const base_service_1 = require("../common/base.service");
const project_inputs_1 = require("./project.inputs");
const filters_1 = require("../common/filters");
const where_1 = require("../../db/where");
class ProjectService extends base_service_1.EntityService {
    constructor(deps) {
        super(deps, entities_1.Project, 'Project');
    }
    scope() {
        return this.deps.access.ownedBy('owner');
    }
    list(args, selection) {
        const where = this.filters(args);
        if (args.ownerId != null)
            where.owner = (0, base_service_1.checkId)(args.ownerId, 'ownerId');
        return this.page(() => (0, where_1.and)(where, this.filterWhere(args.filter, project_inputs_1.PROJECT_FILTER_SPEC)), args, (0, filters_1.sortKey)(args.orderBy), selection);
    }
    listForOwner(ownerId, args, selection) {
        return this.childPage(this.deps.loaders.projectsOfUser, ownerId, this.filters(args), args, selection);
    }
    /** The owner of a project: joined into the read when selected, else batched across the request. */
    owner(project, selection) {
        return this.related(entities_1.User, this.deps.loaders.user, project.owner.id, selection);
    }
    async create(input) {
        // Only admins may create for others; the backend checks the owner exists in the same write.
        const owner = this.deps.access.ownerIdFor(input.ownerId == null ? null : (0, base_service_1.checkId)(input.ownerId, 'ownerId'), 'ownerId');
        const { ownerId: _ownerId, ...fields } = input;
        return this.createRow({ ...fields, owner }, { parentField: 'ownerId' });
    }
    update(id, input) {
        return this.updateRow(id, { ...input });
    }
    /** Deletes the project with its code generations and analyses. */
    delete(id) {
        return this.removeRow(id);
    }
    filters(args) {
        const where = {};
        if (args.status != null)
            where.status = args.status;
        if (args.projectType != null)
            where.projectType = args.projectType;
        return where;
    }
}
exports.ProjectService = ProjectService;
//# sourceMappingURL=project.service.js.map