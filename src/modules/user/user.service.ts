import type { FilterQuery } from '@mikro-orm/core';
import { Rollups } from '../../analytics/rollups';
import type { ServiceDeps } from '../../context';
import { AutoSave, CodeGeneration, Project, ProjectAnalysis, User, UserRole } from '../../entities';
import { conflict } from '../../errors/codes';
import { EntityService, type Where, checkId, deleteIn } from '../common/base.service';
import type { Page, PageArgs } from '../common/connection';
import { generateApiKey, unusableKeyHash } from '../../auth/api-key';
import type { CreateUserInput, UpdateUserInput } from './user.inputs';

export class UserService extends EntityService<User> {
  constructor(deps: ServiceDeps) {
    super(deps, User, 'User');
  }

  protected scope() {
    return this.deps.access.users();
  }

  /** The caller. */
  me(): User {
    return this.deps.access.me();
  }

  list(args: PageArgs): Promise<Page<User>> {
    return this.page({}, args);
  }

  /**
   * Creating users is for admins; with OPEN_SIGNUP=true anyone without a key may
   * create a plain user (their own account). Only admins choose a role.
   */
  async create(input: CreateUserInput): Promise<{ user: User; apiKey: string }> {
    const { access, store } = this.deps;
    if (access.caller.user || !store.settings.openSignup) access.requireAdmin('create users');
    if (input.role != null && input.role !== UserRole.USER) access.requireAdmin('give a role');
    const email = input.email.toLowerCase();
    await this.assertUnique(input.username, email);
    const { key, hash, prefix } = generateApiKey();
    const user = await this.insert({
      username: input.username,
      email,
      apiKeyHash: hash,
      apiKeyPrefix: prefix,
      preferences: input.preferences ?? {},
      role: input.role ?? UserRole.USER,
    });
    return { user, apiKey: key };
  }

  async update(id: string, input: UpdateUserInput): Promise<User> {
    const user = await this.get(id);
    if (input.role !== undefined && input.role !== user.role) this.deps.access.requireAdmin('change roles');
    const email = input.email?.toLowerCase();
    await this.assertUnique(input.username, email, user.id);
    const updated = await this.patch(user, { username: input.username, email, preferences: input.preferences, role: input.role });
    this.deps.store.keys.clear(); // the cached caller may be this user
    return updated;
  }

  /** Replaces the API key; the old one stops working at once. */
  async rotateApiKey(id: string): Promise<{ user: User; apiKey: string }> {
    const user = await this.get(id);
    const { key, hash, prefix } = generateApiKey();
    await this.patch(user, { apiKeyHash: hash, apiKeyPrefix: prefix });
    this.deps.store.keys.clear();
    return { user, apiKey: key };
  }

  /** Revokes the API key at once: the user keeps their data but cannot call until a rotation. */
  async revokeApiKey(id: string): Promise<User> {
    const user = await this.get(id);
    const revoked = await this.patch(user, { apiKeyHash: unusableKeyHash(), apiKeyPrefix: '' });
    this.deps.store.keys.clear();
    return revoked;
  }

  /**
   * Deletes the user and everything that belongs to them, deepest first, so that
   * without transactions (MongoDB standalone) a failure part-way leaves no orphans
   * and a retry finishes the job.
   */
  async delete(id: string): Promise<string> {
    const user = await this.get(id);
    await this.deps.store.atomically(this.em, async (em) => {
      const projects = await em.find(Project, { owner: user.id }, { fields: ['id'] });
      const projectIds = projects.map((p) => p.id);
      const days = await new Rollups(em).daysOf(projectIds);
      await deleteIn(em, CodeGeneration, 'project', projectIds);
      await deleteIn(em, ProjectAnalysis, 'project', projectIds);
      await new Rollups(em).projectsDeleted(projectIds, days);
      await em.nativeDelete(Project, { owner: user.id });
      await em.nativeDelete(AutoSave, { user: user.id });
      await em.nativeDelete(User, { id: user.id });
    });
    this.em.clear();
    this.deps.store.keys.clear();
    return user.id;
  }

  /** Clear CONFLICT messages before writing; the unique indexes still guard against races. */
  private async assertUnique(username: string | undefined, email: string | undefined, exceptId?: string) {
    const or: FilterQuery<User>[] = [];
    if (username !== undefined) or.push({ username });
    if (email !== undefined) or.push({ email });
    if (!or.length) return;
    const clash = await this.em.findOne(User, exceptId ? { $or: or, id: { $ne: checkId(exceptId) } } : { $or: or });
    if (!clash) return;
    const field = clash.username === username ? 'username' : 'email';
    throw conflict(`A user with this ${field} already exists`, { field });
  }
}
