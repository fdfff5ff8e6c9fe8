import type { GraphQLResolveInfo } from 'graphql';
import type { ChangeKind } from '../../live/live-events';
import { type DeletedProject, deletedPayload } from '../common/deleted';
import type { ReadRow } from '../../db/light-find';
import type { ServiceDeps } from '../../context';
import { Project, User } from '../../entities';
import { EntityService, type Where, checkId } from '../common/base.service';
import type { Selection } from '../common/look-ahead';
import type { Page } from '../common/connection';
import { PROJECT_FILTER_SPEC, type CreateProjectInput, type ProjectListArgs, type ProjectsArgs, type UpdateProjectInput } from './project.inputs';
import { sortKey } from '../common/filters';
import { and } from '../../db/where';

export class ProjectService extends EntityService<Project> {
  constructor(deps: ServiceDeps) {
    super(deps, Project, 'Project');
  }

  protected readonly filterSpec = PROJECT_FILTER_SPEC;

  protected scope() {
    return this.deps.access.ownedBy('owner');
  }

  list(args: ProjectsArgs, selection?: Selection, info?: GraphQLResolveInfo): Promise<Page<ReadRow<Project>>> {
    const owner = args.ownerId != null ? { owner: checkId(args.ownerId, 'ownerId') } : {};
    return this.page(() => and(this.listWhere(args), owner), args, sortKey(args.orderBy), selection, info);
  }

  listForOwner(ownerId: string, args: ProjectListArgs, selection?: Selection): Promise<Page<ReadRow<Project>>> {
    return this.childPage(this.deps.loaders.projectsOfUser, ownerId, args, selection);
  }

  /** The owner of a project: joined into the read when selected, else batched across the request. */
  owner(project: ReadRow<Project>, selection?: Selection): User | Promise<User> {
    return this.related(User, this.deps.loaders.user, project.owner.id, selection);
  }

  async create(input: CreateProjectInput): Promise<Project> {
    // Only admins may create for others; the backend checks the owner exists in the same write.
    const owner = this.deps.access.ownerIdFor(input.ownerId == null ? null : checkId(input.ownerId, 'ownerId'), 'ownerId');
    const { ownerId: _ownerId, ...fields } = input;
    return this.createRow({ ...fields, owner }, { parentField: 'ownerId' });
  }

  update(id: string, input: UpdateProjectInput): Promise<Project> {
    return this.updateRow(id, { ...input });
  }

  /** Deletes the project with its code generations and analyses. */
  async delete(id: string): Promise<DeletedProject> {
    const row = await this.removeRow(id);
    return deletedPayload(row, 'owner', row.owner, (parent) => this.deps.loaders.user.load(parent));
  }

  protected override argFilters(args: ProjectListArgs): Where {
    const where: Where = {};
    if (args.status != null) where.status = args.status;
    if (args.projectType != null) where.projectType = args.projectType;
    return where;
  }

  protected override announce(change: ChangeKind, row: Record<string, unknown>): void {
    super.announce(change, row);
    if (change === 'created') return;
    this.deps.store.live.publish('project', String(row.id), { change, id: String(row.id) });
  }
}
