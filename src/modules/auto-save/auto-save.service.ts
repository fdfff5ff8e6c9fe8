import type { GraphQLResolveInfo } from 'graphql';
import type { ChangeKind } from '../../live/live-events';
import { type DeletedAutoSave, deletedPayload, refOf } from '../common/deleted';
import type { ReadRow } from '../../db/light-find';
import type { ServiceDeps } from '../../context';
import { AutoSave, User } from '../../entities';
import { EntityService, type Where, checkId } from '../common/base.service';
import type { Selection } from '../common/look-ahead';
import type { Page } from '../common/connection';
import { AUTO_SAVE_FILTER_SPEC, type AutoSaveListArgs, type AutoSavesArgs, type CreateAutoSaveInput, type UpdateAutoSaveInput } from './auto-save.inputs';
import { sortKey } from '../common/filters';
import { and } from '../../db/where';

import { countChars } from '../common/validators';

export class AutoSaveService extends EntityService<AutoSave> {
  constructor(deps: ServiceDeps) {
    super(deps, AutoSave, 'AutoSave');
  }

  protected readonly filterSpec = AUTO_SAVE_FILTER_SPEC;

  protected scope() {
    return this.deps.access.ownedBy('user');
  }

  list(args: AutoSavesArgs, selection?: Selection, info?: GraphQLResolveInfo): Promise<Page<ReadRow<AutoSave>>> {
    const user = args.userId != null ? { user: checkId(args.userId, 'userId') } : {};
    return this.page(() => and(this.listWhere(args), user), args, sortKey(args.orderBy), selection, info);
  }

  listForUser(userId: string, args: AutoSaveListArgs, selection?: Selection): Promise<Page<ReadRow<AutoSave>>> {
    return this.childPage(this.deps.loaders.autoSavesOfUser, userId, args, selection);
  }

  user(row: ReadRow<AutoSave>, selection?: Selection): User | Promise<User> {
    return this.related(User, this.deps.loaders.user, row.user.id, selection);
  }

  create(input: CreateAutoSaveInput): Promise<AutoSave> {
    const user = this.deps.access.ownerIdFor(input.userId == null ? null : checkId(input.userId, 'userId'), 'userId');
    const { userId: _userId, ...fields } = input;
    return this.createRow({ ...fields, user, sizeChars: countChars(input.content) }, { parentField: 'userId' });
  }

  update(id: string, input: UpdateAutoSaveInput): Promise<AutoSave> {
    const sizeChars = input.content === undefined ? undefined : countChars(input.content);
    return this.updateRow(id, { ...input, sizeChars });
  }

  async delete(id: string): Promise<DeletedAutoSave> {
    const row = await this.removeRow(id);
    return deletedPayload(row, 'user', row.user, (parent) => this.deps.loaders.user.load(parent));
  }

  protected override argFilters(args: AutoSaveListArgs): Where {
    const where: Where = {};
    if (args.saveId != null) where.saveId = args.saveId;
    return where;
  }

  protected override announce(change: ChangeKind, row: Record<string, unknown>): void {
    super.announce(change, row);
    if (change !== 'created') return;
    const userId = refOf(row.user);
    this.deps.store.live.publish('autoSave', userId, { id: String(row.id), userId, saveId: String(row.saveId) });
  }
}
