import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { AutoSave, CodeGeneration, Project, ProjectAnalysis, User } from './entities';
import { ChildPages } from './modules/common/child-pages';
import { lightFind, recall } from './db/light-find';
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
function byIdLoader<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const uow = em.getUnitOfWork();
    const known = new Map<string, T>();
    for (const id of ids) {
      const row = recall(em, entity, id) ?? uow.getById<T>(entity.name, id as never);
      if (row && (row as { __helper?: { __initialized?: boolean } }).__helper?.__initialized !== false) known.set(id, row);
    }
    const missing = ids.filter((id) => !known.has(id));
    // A lone id is looked up by equality: FerretDB answers `_id` equality from its key but scans for `$in`.
    const where = missing.length === 1 ? { id: missing[0] } : { id: { $in: missing } };
    const rows = missing.length ? await lightFind(em, entity, where) : [];
    for (const r of rows) known.set(r.id, r);
    return ids.map((id) => known.get(id) ?? null);
  });
}

export function createLoaders(em: EntityManager, store: Store) {
  return {
    user: byIdLoader(em, User),
    project: byIdLoader(em, Project),
    projectsOfUser: new ChildPages(em, store, Project, 'owner', 'Project'),
    autoSavesOfUser: new ChildPages(em, store, AutoSave, 'user', 'AutoSave'),
    generationsOfProject: new ChildPages(em, store, CodeGeneration, 'project', 'CodeGeneration'),
    analysesOfProject: new ChildPages(em, store, ProjectAnalysis, 'project', 'ProjectAnalysis'),
    latestAnalysisOfProject: new ChildPages(em, store, ProjectAnalysis, 'project', 'ProjectAnalysis', 'desc'),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;

/** Everything one request needs: its own identity map (a forked em), loaders and the services over them. */
export function createContext(store: Store, caller: Caller, em = store.orm.em.fork()) {
  const loaders = createLoaders(em, store);
  const access = new Access(caller, em, store);
  const deps = { em, loaders, store, access };
  return {
    em,
    loaders,
    access,
    users: new UserService(deps),
    projects: new ProjectService(deps),
    codeGenerations: new CodeGenerationService(deps),
    analyses: new AnalysisService(deps),
    autoSaves: new AutoSaveService(deps),
    analytics: new AnalyticsService(deps),
  };
}
export type Context = ReturnType<typeof createContext>;
export type ServiceDeps = { em: EntityManager; loaders: Loaders; store: Store; access: Access };

