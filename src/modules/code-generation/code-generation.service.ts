import type { GraphQLResolveInfo } from 'graphql';
import { type ChangeKind, generationEvent } from '../../live/live-events';
import { type DeletedCodeGeneration, deletedPayload } from '../common/deleted';
import type { ReadRow } from '../../db/light-find';
import type { ServiceDeps } from '../../context';
import { CodeGeneration, Project } from '../../entities';
import { notFound } from '../../errors/codes';
import { EntityService, type Where, checkId } from '../common/base.service';
import type { Selection } from '../common/look-ahead';
import type { Page } from '../common/connection';
import { CODE_GENERATION_FILTER_SPEC, type CodeGenerationListArgs, type CodeGenerationsArgs, type CreateCodeGenerationInput, type UpdateCodeGenerationInput } from './code-generation.inputs';
import { sortKey } from '../common/filters';
import { and } from '../../db/where';

export class CodeGenerationService extends EntityService<CodeGeneration> {
  constructor(deps: ServiceDeps) {
    super(deps, CodeGeneration, 'CodeGeneration');
  }

  protected readonly filterSpec = CODE_GENERATION_FILTER_SPEC;

  protected scope() {
    return this.deps.access.inOwnedProject();
  }

  list(args: CodeGenerationsArgs, selection?: Selection, info?: GraphQLResolveInfo): Promise<Page<ReadRow<CodeGeneration>>> {
    const project = args.projectId != null ? { project: checkId(args.projectId, 'projectId') } : {};
    return this.page(() => and(this.listWhere(args), project), args, sortKey(args.orderBy), selection, info);
  }

  listForProject(projectId: string, args: CodeGenerationListArgs, selection?: Selection): Promise<Page<ReadRow<CodeGeneration>>> {
    return this.childPage(this.deps.loaders.generationsOfProject, projectId, args, selection);
  }

  project(row: ReadRow<CodeGeneration>, selection?: Selection): Project | Promise<Project> {
    return this.related(Project, this.deps.loaders.project, row.project.id, selection);
  }

  /** Creates a generation in a project the caller may reach (checked in the same write; NOT_FOUND otherwise), moving the rollups with it. */
  create(input: CreateCodeGenerationInput): Promise<CodeGeneration> {
    const { projectId, ...fields } = input;
    return this.createRow({ ...fields, project: checkId(projectId, 'projectId') }, { parentField: 'projectId' });
  }

  update(id: string, input: UpdateCodeGenerationInput): Promise<CodeGeneration> {
    return this.updateRow(id, { ...input });
  }

  async delete(id: string): Promise<DeletedCodeGeneration> {
    const row = await this.removeRow(id);
    return deletedPayload(row, 'project', row.project, (parent) => this.deps.loaders.project.load(parent));
  }

  protected override argFilters(args: CodeGenerationListArgs): Where {
    const where: Where = {};
    if (args.status != null) where.status = args.status;
    if (args.language != null) where.language = args.language;
    return where;
  }

  protected override announce(change: ChangeKind, row: Record<string, unknown>): void {
    super.announce(change, row);
    const event = generationEvent(row, change);
    this.deps.store.live.publish('generation', event.projectId, event);
  }
}

/**
 * The project a new child row will belong to: NOT_FOUND when unknown or not the
 * caller's (checked here because MongoDB has no foreign keys to refuse it).
 */
export async function existingProject(deps: ServiceDeps, projectId: string): Promise<Project> {
  const where = and({ id: checkId(projectId, 'projectId') }, deps.access.ownedBy('owner'));
  const project = await deps.em.findOne(Project, where);
  if (!project) throw notFound('Project', projectId);
  return project;
}
