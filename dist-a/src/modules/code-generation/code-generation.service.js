"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CodeGenerationService = void 0;
exports.existingProject = existingProject;
const entities_1 = require("../../entities");
const codes_1 = require("../../errors/codes");
const base_service_1 = require("../common/base.service");
const code_generation_inputs_1 = require("./code-generation.inputs");
const filters_1 = require("../common/filters");
const where_1 = require("../../db/where");
class CodeGenerationService extends base_service_1.EntityService {
    constructor(deps) {
        super(deps, entities_1.CodeGeneration, 'CodeGeneration');
    }
    scope() {
        return this.deps.access.inOwnedProject();
    }
    list(args, selection) {
        const where = this.filters(args);
        if (args.projectId != null)
            where.project = (0, base_service_1.checkId)(args.projectId, 'projectId');
        return this.page(() => (0, where_1.and)(where, this.filterWhere(args.filter, code_generation_inputs_1.CODE_GENERATION_FILTER_SPEC)), args, (0, filters_1.sortKey)(args.orderBy), selection);
    }
    listForProject(projectId, args, selection) {
        return this.childPage(this.deps.loaders.generationsOfProject, projectId, this.filters(args), args, selection);
    }
    project(row, selection) {
        return this.related(entities_1.Project, this.deps.loaders.project, row.project.id, selection);
    }
    /** Creates a generation in a project the caller may reach (checked in the same write; NOT_FOUND otherwise), moving the rollups with it. */
    create(input) {
        const { projectId, ...fields } = input;
        return this.createRow({ ...fields, project: (0, base_service_1.checkId)(projectId, 'projectId') }, { parentField: 'projectId' });
    }
    update(id, input) {
        return this.updateRow(id, { ...input });
    }
    delete(id) {
        return this.removeRow(id);
    }
    filters(args) {
        const where = {};
        if (args.status != null)
            where.status = args.status;
        if (args.language != null)
            where.language = args.language;
        return where;
    }
}
exports.CodeGenerationService = CodeGenerationService;
/**
 * The project a new child row will belong to: NOT_FOUND when unknown or not the
 * caller's (checked here because MongoDB has no foreign keys to refuse it).
 */
async function existingProject(deps, projectId) {
    const where = (0, where_1.and)({ id: (0, base_service_1.checkId)(projectId, 'projectId') }, deps.access.ownedBy('owner'));
    const project = await deps.em.findOne(entities_1.Project, where);
    if (!project)
        throw (0, codes_1.notFound)('Project', projectId);
    return project;
}
//# sourceMappingURL=code-generation.service.js.map