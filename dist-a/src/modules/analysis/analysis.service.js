"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AnalysisService = void 0;
const entities_1 = require("../../entities");
const base_service_1 = require("../common/base.service");
const analysis_inputs_1 = require("./analysis.inputs");
const filters_1 = require("../common/filters");
const where_1 = require("../../db/where");
class AnalysisService extends base_service_1.EntityService {
    constructor(deps) {
        super(deps, entities_1.ProjectAnalysis, 'ProjectAnalysis');
    }
    scope() {
        return this.deps.access.inOwnedProject();
    }
    list(args, selection) {
        const where = {};
        if (args.projectId != null)
            where.project = (0, base_service_1.checkId)(args.projectId, 'projectId');
        return this.page(() => (0, where_1.and)(where, this.filterWhere(args.filter, analysis_inputs_1.ANALYSIS_FILTER_SPEC)), args, (0, filters_1.sortKey)(args.orderBy), selection);
    }
    listForProject(projectId, args, selection) {
        return this.childPage(this.deps.loaders.analysesOfProject, projectId, {}, args, selection);
    }
    /** The most recent analysis of a project, or null when it has none. */
    async latestFor(projectId, selection) {
        // Batched: one query for the latest analysis of every project in the response.
        const page = await this.deps.loaders.latestAnalysisOfProject.load(projectId, {}, 1, this.plan(selection).fields);
        return page.edges[0]?.node ?? null;
    }
    project(row, selection) {
        return this.related(entities_1.Project, this.deps.loaders.project, row.project.id, selection);
    }
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
}
exports.AnalysisService = AnalysisService;
//# sourceMappingURL=analysis.service.js.map