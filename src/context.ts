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

/**
 * The request's loaders, each made on first use: a request uses one or two of
 * them, and making all seven (with the services below) was 2 % of the CPU of a
 * by-id request and most of what it kept alive between collections.
 */
export class Loaders {
  #user?: DataLoader<string, User | null>;
  #project?: DataLoader<string, Project | null>;
  #projectsOfUser?: ChildPages<Project>;
  #autoSavesOfUser?: ChildPages<AutoSave>;
  #generationsOfProject?: ChildPages<CodeGeneration>;
  #analysesOfProject?: ChildPages<ProjectAnalysis>;
  #latestAnalysisOfProject?: ChildPages<ProjectAnalysis>;

  constructor(
    private readonly scope: ReadScope,
    private readonly store: Store,
  ) {}

  get user() {
    return (this.#user ??= byIdLoader(this.scope, User));
  }
  get project() {
    return (this.#project ??= byIdLoader(this.scope, Project));
  }
  get projectsOfUser() {
    return (this.#projectsOfUser ??= new ChildPages(this.scope, this.store, Project, 'owner', 'Project'));
  }
  get autoSavesOfUser() {
    return (this.#autoSavesOfUser ??= new ChildPages(this.scope, this.store, AutoSave, 'user', 'AutoSave'));
  }
  get generationsOfProject() {
    return (this.#generationsOfProject ??= new ChildPages(this.scope, this.store, CodeGeneration, 'project', 'CodeGeneration'));
  }
  get analysesOfProject() {
    return (this.#analysesOfProject ??= new ChildPages(this.scope, this.store, ProjectAnalysis, 'project', 'ProjectAnalysis'));
  }
  get latestAnalysisOfProject() {
    return (this.#latestAnalysisOfProject ??= new ChildPages(this.scope, this.store, ProjectAnalysis, 'project', 'ProjectAnalysis', 'desc'));
  }
}

/** The services of nested lists by entity, made when the tree planner meets one. */
class ListSources {
  constructor(private readonly context: RequestContext) {}
  get User() {
    return this.context.users;
  }
  get Project() {
    return this.context.projects;
  }
  get CodeGeneration() {
    return this.context.codeGenerations;
  }
  get ProjectAnalysis() {
    return this.context.analyses;
  }
  get AutoSave() {
    return this.context.autoSaves;
  }
}

/**
 * Everything one request needs: its reads (and entity manager, forked when first
 * used), loaders and the services over them, each service made on first use.
 * A class, so `em` and the services are getters on the prototype: Apollo copies
 * the context's own properties per operation, which would otherwise fork the
 * entity manager (and make the services) of every request.
 */
export class RequestContext {
  readonly loaders: Loaders;
  readonly access: Access;
  /** Services made so far. Not #private fields: Apollo's copy of the context has none of those, and shares this object. */
  private readonly made: {
    users?: UserService;
    projects?: ProjectService;
    codeGenerations?: CodeGenerationService;
    analyses?: AnalysisService;
    autoSaves?: AutoSaveService;
    analytics?: AnalyticsService;
    queue?: QueueService;
    nodes?: NodeService;
  } = {};
  private readonly deps: ServiceDeps;

  /** Filled in as the request is answered (operation name), for its log line and metrics. */
  trace?: RequestTrace;

  constructor(
    readonly store: Store,
    readonly caller: Caller,
    readonly scope: ReadScope,
    /** The x-request-id of the HTTP request (error ids in logs and answers use it). */
    readonly requestId?: string,
  ) {
    this.loaders = new Loaders(scope, store);
    this.access = new Access(caller, scope, store);
    const byEntity = new ListSources(this);
    const sources = () => byEntity as unknown as Record<string, ListSource>;
    this.deps = {
      scope,
      get em() {
        return scope.em;
      },
      loaders: this.loaders,
      store,
      access: this.access,
      sources,
    };
  }

  get users(): UserService {
    return (this.made.users ??= new UserService(this.deps));
  }
  get projects(): ProjectService {
    return (this.made.projects ??= new ProjectService(this.deps));
  }
  get codeGenerations(): CodeGenerationService {
    return (this.made.codeGenerations ??= new CodeGenerationService(this.deps));
  }
  get analyses(): AnalysisService {
    return (this.made.analyses ??= new AnalysisService(this.deps));
  }
  get autoSaves(): AutoSaveService {
    return (this.made.autoSaves ??= new AutoSaveService(this.deps));
  }
  get analytics(): AnalyticsService {
    return (this.made.analytics ??= new AnalyticsService(this.deps));
  }
  get queue(): QueueService {
    return (this.made.queue ??= new QueueService(this.deps));
  }
  get nodes(): NodeService {
    return (this.made.nodes ??= new NodeService([this.users, this.projects, this.codeGenerations, this.analyses, this.autoSaves] as never));
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
