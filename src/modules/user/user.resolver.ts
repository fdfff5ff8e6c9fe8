import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { User } from '../../entities';
import { AutoSaveConnection } from '../auto-save/auto-save.resolver';
import { AutoSaveListArgs } from '../auto-save/auto-save.inputs';
import { Connection, PageArgs } from '../common/connection';
import { ProjectConnection } from '../project/project.resolver';
import { ProjectListArgs } from '../project/project.inputs';
import { CreateUserInput, UpdateUserInput, UserWithApiKey } from './user.inputs';

export const UserConnection = Connection(User);

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'One user by id; null when there is none.' })
  user(@Arg('id', () => ID, { description: 'Id of the user.' }) id: string, @Ctx() ctx: Context) {
    return ctx.users.find(id);
  }

  @Query(() => UserConnection, { description: 'All users, oldest first.' })
  users(@Args() args: PageArgs, @Ctx() ctx: Context) {
    return ctx.users.list(args);
  }

  @FieldResolver(() => ProjectConnection, { description: 'Projects this user owns, oldest first.' })
  projects(@Root() user: User, @Args() args: ProjectListArgs, @Ctx() ctx: Context) {
    return ctx.projects.listForOwner(user.id, args);
  }

  @FieldResolver(() => AutoSaveConnection, { description: 'Autosaves this user made, oldest first.' })
  autoSaves(@Root() user: User, @Args() args: AutoSaveListArgs, @Ctx() ctx: Context) {
    return ctx.autoSaves.listForUser(user.id, args);
  }

  @Mutation(() => UserWithApiKey, { description: 'Creates a user and returns their API key, once.' })
  createUser(@Arg('input', { description: 'The values to write; validated before anything is stored.' }) input: CreateUserInput, @Ctx() ctx: Context) {
    return ctx.users.create(input);
  }

  @Mutation(() => User, { description: 'Changes a user.' })
  updateUser(@Arg('id', () => ID, { description: 'Id of the user.' }) id: string, @Arg('input', { description: 'The values to write; validated before anything is stored.' }) input: UpdateUserInput, @Ctx() ctx: Context) {
    return ctx.users.update(id, input);
  }

  @Mutation(() => UserWithApiKey, { description: 'Replaces a user\'s API key and returns the new one, once.' })
  rotateApiKey(@Arg('id', () => ID, { description: 'Id of the user.' }) id: string, @Ctx() ctx: Context) {
    return ctx.users.rotateApiKey(id);
  }

  @Mutation(() => ID, { description: 'Deletes a user with their projects (and their generations and analyses) and autosaves; returns the id.' })
  deleteUser(@Arg('id', () => ID, { description: 'Id of the user.' }) id: string, @Ctx() ctx: Context) {
    return ctx.users.delete(id);
  }
}
