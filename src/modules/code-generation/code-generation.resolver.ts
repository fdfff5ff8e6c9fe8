import { DeletedCodeGeneration } from '../common/deleted';
import type { ReadRow } from '../../db/light-find';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { CodeGeneration, Project } from '../../entities';
import { CONNECTION_NODES, selectionOf } from '../common/look-ahead';
import { handedOr } from '../common/handed';
import { Connection } from '../common/connection';
import { CodeGenerationsArgs, CreateCodeGenerationInput, UpdateCodeGenerationInput } from './code-generation.inputs';

export const CodeGenerationConnection = Connection(CodeGeneration);

@Resolver(() => CodeGeneration)
export class CodeGenerationResolver {
  @Query(() => CodeGeneration, { nullable: true, description: 'One code generation by id; null when there is none.' })
  codeGeneration(@Arg('id', () => ID, { description: 'Id of the code generation.' }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.codeGenerations.find(id, selectionOf(info), info);
  }

  @Query(() => CodeGenerationConnection, { description: 'Code generations, oldest first, optionally filtered.' })
  codeGenerations(@Args() args: CodeGenerationsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.codeGenerations.list(args, selectionOf(info, CONNECTION_NODES), info);
  }

  @FieldResolver(() => Project, { description: 'The project this generation belongs to.' })
  project(@Root() row: ReadRow<CodeGeneration>, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return handedOr(row, info, () => ctx.codeGenerations.project(row, selectionOf(info)));
  }

  @Mutation(() => CodeGeneration, { description: 'Records a code generation for an existing project.' })
  createCodeGeneration(@Arg('input', { description: 'The values to write; validated before anything is stored.' }) input: CreateCodeGenerationInput, @Ctx() ctx: Context) {
    return ctx.codeGenerations.create(input);
  }

  @Mutation(() => CodeGeneration, { description: 'Changes a code generation.' })
  updateCodeGeneration(
    @Arg('id', () => ID, { description: 'Id of the code generation.' }) id: string,
    @Arg('input', { description: 'The values to write; validated before anything is stored.' }) input: UpdateCodeGenerationInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.codeGenerations.update(id, input);
  }

  @Mutation(() => DeletedCodeGeneration, { description: 'Deletes a code generation: its id, and where it hung from, for a client cache.' })
  deleteCodeGeneration(@Arg('id', () => ID, { description: 'Id of the code generation.' }) id: string, @Ctx() ctx: Context) {
    return ctx.codeGenerations.delete(id);
  }
}
