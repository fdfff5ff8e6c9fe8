"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RequestContext = void 0;
exports.createLoaders = createLoaders;
exports.createContext = createContext;
const read_scope_1 = require("./db/read-scope");
const dataloader_1 = __importDefault(require("dataloader"));
const entities_1 = require("./entities");
const child_pages_1 = require("./modules/common/child-pages");
const light_find_1 = require("./db/light-find");
const access_1 = require("./auth/access");
const analysis_service_1 = require("./modules/analysis/analysis.service");
const analytics_service_1 = require("./modules/analytics/analytics.service");
const auto_save_service_1 = require("./modules/auto-save/auto-save.service");
const code_generation_service_1 = require("./modules/code-generation/code-generation.service");
const project_service_1 = require("./modules/project/project.service");
const user_service_1 = require("./modules/user/user.service");
/**
 * Loads rows by id for reading, batching every load of one tick into a single
 * `id IN (...)` query; rows this request already read come for free.
 */
function byIdLoader(scope, entity) {
    return new dataloader_1.default(async (ids) => {
        const uow = scope.existingEm?.getUnitOfWork();
        const known = new Map();
        for (const id of ids) {
            const row = (0, light_find_1.recall)(scope, entity, id) ?? uow?.getById(entity, id);
            if (row && row.__helper?.__initialized !== false)
                known.set(id, row);
        }
        const missing = ids.filter((id) => !known.has(id));
        // A lone id is looked up by equality: FerretDB answers `_id` equality from its key but scans for `$in`.
        const where = missing.length === 1 ? { id: missing[0] } : { id: { $in: missing } };
        const rows = missing.length ? await (0, light_find_1.lightFind)(scope, entity, where) : [];
        for (const r of rows)
            known.set(r.id, r);
        return ids.map((id) => known.get(id) ?? null);
    });
}
function createLoaders(scope, store) {
    return {
        user: byIdLoader(scope, entities_1.User),
        project: byIdLoader(scope, entities_1.Project),
        projectsOfUser: new child_pages_1.ChildPages(scope, store, entities_1.Project, 'owner', 'Project'),
        autoSavesOfUser: new child_pages_1.ChildPages(scope, store, entities_1.AutoSave, 'user', 'AutoSave'),
        generationsOfProject: new child_pages_1.ChildPages(scope, store, entities_1.CodeGeneration, 'project', 'CodeGeneration'),
        analysesOfProject: new child_pages_1.ChildPages(scope, store, entities_1.ProjectAnalysis, 'project', 'ProjectAnalysis'),
        latestAnalysisOfProject: new child_pages_1.ChildPages(scope, store, entities_1.ProjectAnalysis, 'project', 'ProjectAnalysis', 'desc'),
    };
}
/**
 * Everything one request needs: its reads (and entity manager, forked when first
 * used), loaders and the services over them. A class, so `em` is a getter on the
 * prototype: Apollo copies the context's own properties per operation, which
 * would otherwise fork the entity manager of every request.
 */
class RequestContext {
    constructor(store, caller, scope, 
    /** The x-request-id of the HTTP request (error ids in logs and answers use it). */
    requestId) {
        this.scope = scope;
        this.requestId = requestId;
        this.loaders = createLoaders(scope, store);
        this.access = new access_1.Access(caller, scope, store);
        const deps = {
            scope,
            get em() {
                return scope.em;
            },
            loaders: this.loaders,
            store,
            access: this.access,
        };
        this.users = new user_service_1.UserService(deps);
        this.projects = new project_service_1.ProjectService(deps);
        this.codeGenerations = new code_generation_service_1.CodeGenerationService(deps);
        this.analyses = new analysis_service_1.AnalysisService(deps);
        this.autoSaves = new auto_save_service_1.AutoSaveService(deps);
        this.analytics = new analytics_service_1.AnalyticsService(deps);
    }
    /** The request's entity manager (forked on first use, see ReadScope). */
    get em() {
        return this.scope.em;
    }
}
exports.RequestContext = RequestContext;
function createContext(store, caller, scope = new read_scope_1.ReadScope(store.backend, store.orm.em), requestId) {
    return new RequestContext(store, caller, scope, requestId);
}
//# sourceMappingURL=context.js.map