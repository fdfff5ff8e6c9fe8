import { DeletedProject } from '../common/deleted';
import type { ReadRow } from '../../db/light-find';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Project, ProjectAnalysis, User } from '../../entities';
import { ProjectAnalysisConnection } from '../analysis/analysis.resolver';
import { CodeGenerationConnection } from '../code-generation/code-generation.resolver';
import { CodeGenerationListArgs } from '../code-generation/code-generation.inputs';
import { CONNECTION_NODES, selectionOf } from '../common/look-ahead';
import { handedOr } from '../common/handed';
import { Connection } from '../common/connection';
import { ProjectAnalysisListArgs } from '../analysis/analysis.inputs';
import { CreateProjectInput, ProjectsArgs, UpdateProjectInput } from './project.inputs';

export const ProjectConnection = Connection(Project);

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true, description: 'One project by id; null when there is none.' })
  project(@Arg('id', () => ID, { description: 'Id of the project.' }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.projects.find(id, selectionOf(info), info);
  }

  @Query(() => ProjectConnection, { description: 'Projects, oldest first, optionally filtered.' })
  projects(@Args() args: ProjectsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.projects.list(args, selectionOf(info, CONNECTION_NODES), info);
  }

  @FieldResolver(() => User, { description: 'The user who owns the project.' })
  owner(@Root() project: ReadRow<Project>, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return handedOr(project, info, () => ctx.projects.owner(project, selectionOf(info)));
  }

  @FieldResolver(() => CodeGenerationConnection, { description: 'Code generations of this project, oldest first unless orderBy says otherwise; filter and orderBy as on codeGenerations.' })
  codeGenerations(@Root() project: ReadRow<Project>, @Args() args: CodeGenerationListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return handedOr(project, info, () => ctx.codeGenerations.listForProject(project.id, args, selectionOf(info, CONNECTION_NODES)));
  }

  @FieldResolver(() => ProjectAnalysisConnection, { description: 'Analyses of this project, oldest first unless orderBy says otherwise; filter and orderBy as on projectAnalyses.' })
  analyses(@Root() project: ReadRow<Project>, @Args() args: ProjectAnalysisListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return handedOr(project, info, () => ctx.analyses.listForProject(project.id, args, selectionOf(info, CONNECTION_NODES)));
  }

  @FieldResolver(() => ProjectAnalysis, { nullable: true, description: 'The most recent analysis; null when none.' })
  latestAnalysis(@Root() project: ReadRow<Project>, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return handedOr(project, info, () => ctx.analyses.latestFor(project.id, selectionOf(info)));
  }

  @Mutation(() => Project, { description: 'Creates a project for an existing user.' })
  createProject(@Arg('input', { description: 'The values to write; validated before anything is stored.' }) input: CreateProjectInput, @Ctx() ctx: Context) {
    return ctx.projects.create(input);
  }

  @Mutation(() => Project, { description: 'Changes a project.' })
  updateProject(
    @Arg('id', () => ID, { description: 'Id of the project.' }) id: string,
    @Arg('input', { description: 'The values to write; validated before anything is stored.' }) input: UpdateProjectInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.projects.update(id, input);
  }

  @Mutation(() => DeletedProject, { description: 'Deletes a project with its code generations and analyses: its id, and where it hung from, for a client cache.' })
  deleteProject(@Arg('id', () => ID, { description: 'Id of the project.' }) id: string, @Ctx() ctx: Context) {
    return ctx.projects.delete(id);
  }
}
