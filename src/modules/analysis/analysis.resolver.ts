import { DeletedProjectAnalysis } from '../common/deleted';
import type { ReadRow } from '../../db/light-find';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Project, ProjectAnalysis } from '../../entities';
import { CONNECTION_NODES, selectionOf } from '../common/look-ahead';
import { handedOr } from '../common/handed';
import { Connection } from '../common/connection';
import { CreateProjectAnalysisInput, ProjectAnalysesArgs, UpdateProjectAnalysisInput } from './analysis.inputs';

export const ProjectAnalysisConnection = Connection(ProjectAnalysis);

@Resolver(() => ProjectAnalysis)
export class AnalysisResolver {
  @Query(() => ProjectAnalysis, { nullable: true, description: 'One analysis by id; null when there is none.' })
  projectAnalysis(@Arg('id', () => ID, { description: 'Id of the analysis.' }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.analyses.find(id, selectionOf(info), info);
  }

  @Query(() => ProjectAnalysisConnection, { description: 'Analyses, oldest first, optionally of one project.' })
  projectAnalyses(@Args() args: ProjectAnalysesArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.analyses.list(args, selectionOf(info, CONNECTION_NODES), info);
  }

  @FieldResolver(() => Project, { description: 'The project analysed.' })
  project(@Root() row: ReadRow<ProjectAnalysis>, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return handedOr(row, info, () => ctx.analyses.project(row, selectionOf(info)));
  }

  @Mutation(() => ProjectAnalysis, { description: 'Records an analysis of an existing project.' })
  createProjectAnalysis(@Arg('input', { description: 'The values to write; validated before anything is stored.' }) input: CreateProjectAnalysisInput, @Ctx() ctx: Context) {
    return ctx.analyses.create(input);
  }

  @Mutation(() => ProjectAnalysis, { description: 'Changes an analysis.' })
  updateProjectAnalysis(
    @Arg('id', () => ID, { description: 'Id of the analysis.' }) id: string,
    @Arg('input', { description: 'The values to write; validated before anything is stored.' }) input: UpdateProjectAnalysisInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.analyses.update(id, input);
  }

  @Mutation(() => DeletedProjectAnalysis, { description: 'Deletes an analysis: its id, and where it hung from, for a client cache.' })
  deleteProjectAnalysis(@Arg('id', () => ID, { description: 'Id of the analysis.' }) id: string, @Ctx() ctx: Context) {
    return ctx.analyses.delete(id);
  }
}
