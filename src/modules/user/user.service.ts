import type { GraphQLResolveInfo } from 'graphql';
import type { DeletedUser } from '../common/deleted';
import type { ReadRow } from '../../db/light-find';
import type { ServiceDeps } from '../../context';
import { User, UserRole } from '../../entities';
import { EntityService } from '../common/base.service';
import type { Page } from '../common/connection';
import type { Selection } from '../common/look-ahead';
import { sortKey } from '../common/filters';
import { generateApiKey, unusableKeyHash } from '../../auth/api-key';
import { type CreateUserInput, type UpdateUserInput, USER_FILTER_SPEC, type UsersArgs } from './user.inputs';

export class UserService extends EntityService<User> {
  constructor(deps: ServiceDeps) {
    super(deps, User, 'User');
  }

  protected readonly filterSpec = USER_FILTER_SPEC;

  protected scope() {
    return this.deps.access.users();
  }

  /** The caller. */
  me(): User {
    return this.deps.access.me();
  }

  list(args: UsersArgs, selection?: Selection, info?: GraphQLResolveInfo): Promise<Page<ReadRow<User>>> {
    return this.page(() => this.listWhere(args), args, sortKey(args.orderBy), selection, info);
  }

  /**
   * Creating users is for admins; with OPEN_SIGNUP=true anyone without a key may
   * create a plain user (their own account). Only admins choose a role. A taken
   * username or email is CONFLICT (with `field`), decided by the unique indexes.
   */
  async create(input: CreateUserInput): Promise<{ user: User; apiKey: string }> {
    const { access, store } = this.deps;
    if (access.caller.user || !store.settings.openSignup) access.requireAdmin('create users');
    if (input.role != null && input.role !== UserRole.USER) access.requireAdmin('give a role');
    const { key, hash, prefix } = generateApiKey();
    const user = await this.createRow(
      {
        username: input.username,
        email: input.email.toLowerCase(),
        apiKeyHash: hash,
        apiKeyPrefix: prefix,
        preferences: input.preferences,
        role: input.role,
      },
      {},
      null,
    ); // users hang from nothing: who may create them is decided above
    return { user, apiKey: key };
  }

  async update(id: string, input: UpdateUserInput): Promise<User> {
    // A plain user reaches only themselves (see Access.users), so their current role is the caller's.
    if (input.role !== undefined && !this.deps.access.isAdmin && input.role !== this.deps.access.me().role) this.deps.access.requireAdmin('change roles');
    const updated = await this.updateRow(id, { username: input.username, email: input.email?.toLowerCase(), preferences: input.preferences, role: input.role });
    this.deps.store.forgetKeys(); // the cached caller may be this user
    return updated;
  }

  /** Replaces the API key; the old one stops working at once. */
  async rotateApiKey(id: string): Promise<{ user: User; apiKey: string }> {
    const { key, hash, prefix } = generateApiKey();
    const user = await this.updateRow(id, { apiKeyHash: hash, apiKeyPrefix: prefix });
    this.deps.store.forgetKeys();
    return { user, apiKey: key };
  }

  /** Revokes the API key at once: the user keeps their data but cannot call until a rotation. */
  async revokeApiKey(id: string): Promise<User> {
    const revoked = await this.updateRow(id, { apiKeyHash: unusableKeyHash(), apiKeyPrefix: '' });
    this.deps.store.forgetKeys();
    return revoked;
  }

  /** Deletes the user with their projects (and those projects' generations and analyses) and autosaves. */
  async delete(id: string): Promise<DeletedUser> {
    const row = await this.removeRow(id);
    this.deps.store.forgetKeys();
    return { deletedId: String(row.id) };
  }
}
