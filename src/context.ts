import { NodeService } from './modules/node/node.service';
import { QueueService } from './modules/queue/queue.service';
import type { RequestTrace } from './observability/metrics';
import type { EntityManager } from '@mikro-orm/core';
import { ReadScope } from './db/read-scope';
import DataLoader from 'dataloader';
import { AutoSave, CodeGeneration, Project, ProjectAnalysis, User } from './entities';
import { ChildPages } from './modules/common/child-pages';
import { lightFind, recall } from './db/light-find';
import type { ListSource } from './modules/common/tree-plan';
import type { Store } from './db/store';
import { Access, type Caller } from './auth/access';
import { AnalysisService } from './modules/analysis/analysis.service';
import { AnalyticsService } from './modules/analytics/analytics.service';
import { AutoSaveService } from './modules/auto-save/auto-save.service';
import { CodeGenerationService } from './modules/code-generation/code-generation.service';
import { ProjectService } from './modules/project/project.service';
import { UserService } from './modules/user/user.service';

type EntityClass<T> = new (...args: never[]) => T;

/**
 * Loads rows by id for reading, batching every load of one tick into a single
 * `id IN (...)` query; rows this request already read come for free.
 */
function byIdLoader<T extends { id: string }>(scope: ReadScope, entity: EntityClass<T>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const uow = scope.existingEm?.getUnitOfWork();
    const known = new Map<string, T>();
    for (const id of ids) {
      const row = recall(scope, entity, id) ?? uow?.getById<T>(entity as never, id as never);
      if (row && (row as { __helper?: { __initialized?: boolean } }).__helper?.__initialized !== false) known.set(id, row);
    }
    const missing = ids.filter((id) => !known.has(id));
    // A lone id is looked up by equality: FerretDB answers `_id` equality from its key but scans for `$in`.
    const where = missing.length === 1 ? { id: missing[0] } : { id: { $in: missing } };
    const rows = missing.length ? await lightFind(scope, entity, where) : [];
    for (const r of rows) known.set(r.id, r);
    return ids.map((id) => known.get(id) ?? null);
  });
}

export function createLoaders(scope: ReadScope, store: Store) {
  return {
    user: byIdLoader(scope, User),
    project: byIdLoader(scope, Project),
    projectsOfUser: new ChildPages(scope, store, Project, 'owner', 'Project'),
    autoSavesOfUser: new ChildPages(scope, store, AutoSave, 'user', 'AutoSave'),
    generationsOfProject: new ChildPages(scope, store, CodeGeneration, 'project', 'CodeGeneration'),
    analysesOfProject: new ChildPages(scope, store, ProjectAnalysis, 'project', 'ProjectAnalysis'),
    latestAnalysisOfProject: new ChildPages(scope, store, ProjectAnalysis, 'project', 'ProjectAnalysis', 'desc'),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;

/**
 * Everything one request needs: its reads (and entity manager, forked when first
 * used), loaders and the services over them. A class, so `em` is a getter on the
 * prototype: Apollo copies the context's own properties per operation, which
 * would otherwise fork the entity manager of every request.
 */
export class RequestContext {
  readonly loaders: Loaders;
  readonly access: Access;
  readonly users: UserService;
  readonly projects: ProjectService;
  readonly codeGenerations: CodeGenerationService;
  readonly analyses: AnalysisService;
  readonly autoSaves: AutoSaveService;
  readonly analytics: AnalyticsService;
  readonly queue: QueueService;
  readonly nodes: NodeService;

  /** Filled in as the request is answered (operation name), for its log line and metrics. */
  trace?: RequestTrace;

  constructor(
    readonly store: Store,
    readonly caller: Caller,
    readonly scope: ReadScope,
    /** The x-request-id of the HTTP request (error ids in logs and answers use it). */
    readonly requestId?: string,
  ) {
    this.loaders = createLoaders(scope, store);
    this.access = new Access(caller, scope, store);
    const deps: ServiceDeps = {
      scope,
      get em() {
        return scope.em;
      },
      loaders: this.loaders,
      store,
      access: this.access,
      sources: () => ({}),
    };
    this.users = new UserService(deps);
    this.projects = new ProjectService(deps);
    this.codeGenerations = new CodeGenerationService(deps);
    this.analyses = new AnalysisService(deps);
    this.autoSaves = new AutoSaveService(deps);
    this.analytics = new AnalyticsService(deps);
    this.queue = new QueueService(deps);
    const sources = { User: this.users, Project: this.projects, CodeGeneration: this.codeGenerations, ProjectAnalysis: this.analyses, AutoSave: this.autoSaves };
    deps.sources = () => sources;
    this.nodes = new NodeService([this.users, this.projects, this.codeGenerations, this.analyses, this.autoSaves] as never);
  }

  /** A new context for the same caller: its own reads and loaders (each event a subscription delivers gets one). */
  fresh(): RequestContext {
    return new RequestContext(this.store, this.caller, new ReadScope(this.store.backend, this.store.orm.em), this.requestId);
  }

  /** The request's entity manager (forked on first use, see ReadScope). */
  get em(): EntityManager {
    return this.scope.em;
  }
}

export function createContext(store: Store, caller: Caller, scope = new ReadScope(store.backend, store.orm.em), requestId?: string): RequestContext {
  return new RequestContext(store, caller, scope, requestId);
}
export type Context = RequestContext;
/** em: the request's entity manager, forked on first use (see ReadScope). */
export type ServiceDeps = {
  readonly em: EntityManager;
  scope: ReadScope;
  loaders: Loaders;
  store: Store;
  access: Access;
  /** The services of each entity's lists, by entity name (the tree planner's nested lists). */
  sources: () => Record<string, ListSource>;
};
