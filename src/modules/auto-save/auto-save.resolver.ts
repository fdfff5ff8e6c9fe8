import { DeletedAutoSave } from '../common/deleted';
import type { ReadRow } from '../../db/light-find';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { AutoSave, User } from '../../entities';
import { CONNECTION_NODES, selectionOf } from '../common/look-ahead';
import { handedOr } from '../common/handed';
import { Connection } from '../common/connection';
import { AutoSavesArgs, CreateAutoSaveInput, UpdateAutoSaveInput } from './auto-save.inputs';

export const AutoSaveConnection = Connection(AutoSave);

@Resolver(() => AutoSave)
export class AutoSaveResolver {
  @Query(() => AutoSave, { nullable: true, description: 'One autosave by id; null when there is none.' })
  autoSave(@Arg('id', () => ID, { description: 'Id of the autosave.' }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.autoSaves.find(id, selectionOf(info), info);
  }

  @Query(() => AutoSaveConnection, { description: 'Autosaves, oldest first, optionally filtered.' })
  autoSaves(@Args() args: AutoSavesArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.autoSaves.list(args, selectionOf(info, CONNECTION_NODES), info);
  }

  @FieldResolver(() => User, { description: 'The user who made the save.' })
  user(@Root() row: ReadRow<AutoSave>, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return handedOr(row, info, () => ctx.autoSaves.user(row, selectionOf(info)));
  }

  @Mutation(() => AutoSave, { description: 'Stores a snapshot of a file; sizeChars is computed from content.' })
  createAutoSave(@Arg('input', { description: 'The values to write; validated before anything is stored.' }) input: CreateAutoSaveInput, @Ctx() ctx: Context) {
    return ctx.autoSaves.create(input);
  }

  @Mutation(() => AutoSave, { description: 'Changes an autosave.' })
  updateAutoSave(
    @Arg('id', () => ID, { description: 'Id of the autosave.' }) id: string,
    @Arg('input', { description: 'The values to write; validated before anything is stored.' }) input: UpdateAutoSaveInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.autoSaves.update(id, input);
  }

  @Mutation(() => DeletedAutoSave, { description: 'Deletes an autosave: its id, and where it hung from, for a client cache.' })
  deleteAutoSave(@Arg('id', () => ID, { description: 'Id of the autosave.' }) id: string, @Ctx() ctx: Context) {
    return ctx.autoSaves.delete(id);
  }
}
