import type { ServiceDeps } from '../../context';
import { CodeGeneration, Project, ProjectAnalysis, User } from '../../entities';
import { notFound } from '../../errors/codes';
import { EntityService, type Where, checkId } from '../common/base.service';
import type { Selection } from '../common/look-ahead';
import type { Page } from '../common/connection';
import { PROJECT_FILTER_SPEC, type CreateProjectInput, type ProjectListArgs, type ProjectsArgs, type UpdateProjectInput } from './project.inputs';
import { sortKey } from '../common/filters';
import { and } from '../../db/where';
import { Rollups } from '../../analytics/rollups';

export class ProjectService extends EntityService<Project> {
  constructor(deps: ServiceDeps) {
    super(deps, Project, 'Project');
  }

  protected scope() {
    return this.deps.access.ownedBy('owner');
  }

  list(args: ProjectsArgs, selection?: Selection): Promise<Page<Project>> {
    const where = this.filters(args);
    if (args.ownerId != null) where.owner = checkId(args.ownerId, 'ownerId');
    return this.page(() => and(where, this.filterWhere(args.filter, PROJECT_FILTER_SPEC)), args, sortKey(args.orderBy), selection);
  }

  listForOwner(ownerId: string, args: ProjectListArgs, selection?: Selection): Promise<Page<Project>> {
    return this.childPage(this.deps.loaders.projectsOfUser, ownerId, this.filters(args), args, selection);
  }

  /** The owner of a project: joined into the read when selected, else batched across the request. */
  owner(project: Project, selection?: Selection): User | Promise<User> {
    return this.related(User, this.deps.loaders.user, project.owner.id, selection);
  }

  async create(input: CreateProjectInput): Promise<Project> {
    // Checked here (not left to a foreign key): MongoDB has none, and only admins may create for others.
    const owner = await this.deps.access.ownerFor(input.ownerId == null ? null : checkId(input.ownerId, 'ownerId'), 'ownerId');
    return this.insert({
      owner,
      name: input.name,
      description: input.description,
      projectType: input.projectType,
      status: input.status,
      config: input.config,
    });
  }

  async update(id: string, input: UpdateProjectInput): Promise<Project> {
    return this.patch(await this.get(id), { ...input });
  }

  /** Deletes the project and its code generations and analyses (children first, see UserService.delete). */
  async delete(id: string): Promise<string> {
    const project = await this.get(id);
    await this.deps.store.atomically(this.em, async (em) => {
      const days = await new Rollups(em).daysOf([project.id]);
      await em.nativeDelete(CodeGeneration, { project: project.id });
      await em.nativeDelete(ProjectAnalysis, { project: project.id });
      await new Rollups(em).projectsDeleted([project.id], days);
      await em.nativeDelete(Project, { id: project.id });
    });
    this.em.clear();
    return project.id;
  }

  private filters(args: ProjectListArgs): Where {
    const where: Where = {};
    if (args.status != null) where.status = args.status;
    if (args.projectType != null) where.projectType = args.projectType;
    return where;
  }
}
