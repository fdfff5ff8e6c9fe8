import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { AutoSave, CodeGeneration, Project, ProjectAnalysis, User } from './entities';
import type { Store } from './db/store';
import { Access, type Caller } from './auth/access';
import { AnalysisService } from './modules/analysis/analysis.service';
import { AutoSaveService } from './modules/auto-save/auto-save.service';
import { CodeGenerationService } from './modules/code-generation/code-generation.service';
import { ProjectService } from './modules/project/project.service';
import { UserService } from './modules/user/user.service';

type EntityClass<T> = new (...args: never[]) => T;

/** Loads rows by id, batching every load of one tick into a single `id IN (...)` query. */
function byIdLoader<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = (await em.find(entity, { id: { $in: [...ids] } } as never)) as T[];
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

export function createLoaders(em: EntityManager) {
  return {
    user: byIdLoader(em, User),
    project: byIdLoader(em, Project),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;

/** Everything one request needs: its own identity map (a forked em), loaders and the services over them. */
export function createContext(store: Store, caller: Caller, em = store.orm.em.fork()) {
  const loaders = createLoaders(em);
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
  };
}
export type Context = ReturnType<typeof createContext>;
export type ServiceDeps = { em: EntityManager; loaders: Loaders; store: Store; access: Access };

// Re-exported so resolvers need only this module for entity types used in loaders.
export type { AutoSave, CodeGeneration, ProjectAnalysis };
