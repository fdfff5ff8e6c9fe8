import type { GraphQLResolveInfo } from 'graphql';
import type { ChangeKind } from '../../live/live-events';
import { type DeletedProjectAnalysis, deletedPayload, refOf } from '../common/deleted';
import type { ReadRow } from '../../db/light-find';
import type { ServiceDeps } from '../../context';
import { Project, ProjectAnalysis } from '../../entities';
import { EntityService, checkId } from '../common/base.service';
import type { Page } from '../common/connection';
import { ANALYSIS_FILTER_SPEC, type CreateProjectAnalysisInput, type ProjectAnalysesArgs, type ProjectAnalysisListArgs, type UpdateProjectAnalysisInput } from './analysis.inputs';
import { sortKey } from '../common/filters';
import { and } from '../../db/where';

import type { Selection } from '../common/look-ahead';

export class AnalysisService extends EntityService<ProjectAnalysis> {
  constructor(deps: ServiceDeps) {
    super(deps, ProjectAnalysis, 'ProjectAnalysis');
  }

  protected readonly filterSpec = ANALYSIS_FILTER_SPEC;

  protected scope() {
    return this.deps.access.inOwnedProject();
  }

  list(args: ProjectAnalysesArgs, selection?: Selection, info?: GraphQLResolveInfo): Promise<Page<ReadRow<ProjectAnalysis>>> {
    const project = args.projectId != null ? { project: checkId(args.projectId, 'projectId') } : {};
    return this.page(() => and(this.listWhere(args), project), args, sortKey(args.orderBy), selection, info);
  }

  listForProject(projectId: string, args: ProjectAnalysisListArgs, selection?: Selection): Promise<Page<ReadRow<ProjectAnalysis>>> {
    return this.childPage(this.deps.loaders.analysesOfProject, projectId, args, selection);
  }

  /** The most recent analysis of a project, or null when it has none. */
  async latestFor(projectId: string, selection?: Selection): Promise<ReadRow<ProjectAnalysis> | null> {
    // Batched: one query for the latest analysis of every project in the response.
    const page = await this.deps.loaders.latestAnalysisOfProject.load(projectId, {}, 1, this.plan(selection).fields);
    return page.edges[0]?.node ?? null;
  }

  project(row: ReadRow<ProjectAnalysis>, selection?: Selection): Project | Promise<Project> {
    return this.related(Project, this.deps.loaders.project, row.project.id, selection);
  }

  create(input: CreateProjectAnalysisInput): Promise<ProjectAnalysis> {
    const { projectId, ...fields } = input;
    return this.createRow({ ...fields, project: checkId(projectId, 'projectId') }, { parentField: 'projectId' });
  }

  update(id: string, input: UpdateProjectAnalysisInput): Promise<ProjectAnalysis> {
    return this.updateRow(id, { ...input });
  }

  async delete(id: string): Promise<DeletedProjectAnalysis> {
    const row = await this.removeRow(id);
    return deletedPayload(row, 'project', row.project, (parent) => this.deps.loaders.project.load(parent));
  }

  protected override announce(change: ChangeKind, row: Record<string, unknown>): void {
    super.announce(change, row);
    if (change !== 'created') return;
    const projectId = refOf(row.project);
    this.deps.store.live.publish('analysis', projectId, { id: String(row.id), projectId });
  }
}
