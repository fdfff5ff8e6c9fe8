import { DeletedUser } from '../common/deleted';
import type { ReadRow } from '../../db/light-find';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { User } from '../../entities';
import { isLiveKeyHash } from '../../auth/api-key';
import { AutoSaveConnection } from '../auto-save/auto-save.resolver';
import { AutoSaveListArgs } from '../auto-save/auto-save.inputs';
import { CONNECTION_NODES, selectionOf } from '../common/look-ahead';
import { handedOr } from '../common/handed';
import { Connection } from '../common/connection';
import { ProjectConnection } from '../project/project.resolver';
import { ProjectListArgs } from '../project/project.inputs';
import { CreateUserInput, UpdateUserInput, UsersArgs, UserWithApiKey } from './user.inputs';

export const UserConnection = Connection(User);

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'One user by id; null when there is none.' })
  user(@Arg('id', () => ID, { description: 'Id of the user.' }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.users.find(id, selectionOf(info), info);
  }

  @Query(() => User, { description: 'The caller, identified by their API key.' })
  me(@Ctx() ctx: Context) {
    return ctx.users.me();
  }

  @FieldResolver(() => Boolean, { description: 'False once the API key has been revoked (until the next rotation).' })
  apiKeyActive(@Root() user: ReadRow<User>) {
    // The read plan takes apiKeyHash whenever this field is selected (see read-plan.ts).
    return isLiveKeyHash(user.apiKeyHash!);
  }

  @Query(() => UserConnection, { description: 'Users, oldest first unless orderBy says otherwise: all of them for an admin, yourself otherwise.' })
  users(@Args() args: UsersArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.users.list(args, selectionOf(info, CONNECTION_NODES), info);
  }

  @FieldResolver(() => ProjectConnection, { description: 'Projects this user owns, oldest first unless orderBy says otherwise; filter and orderBy as on projects.' })
  projects(@Root() user: ReadRow<User>, @Args() args: ProjectListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return handedOr(user, info, () => ctx.projects.listForOwner(user.id, args, selectionOf(info, CONNECTION_NODES)));
  }

  @FieldResolver(() => AutoSaveConnection, { description: 'Autosaves this user made, oldest first unless orderBy says otherwise; filter and orderBy as on autoSaves.' })
  autoSaves(@Root() user: ReadRow<User>, @Args() args: AutoSaveListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return handedOr(user, info, () => ctx.autoSaves.listForUser(user.id, args, selectionOf(info, CONNECTION_NODES)));
  }

  @Mutation(() => UserWithApiKey, { description: 'Creates a user and returns their API key, once. Admins only (or anyone when open signup is on).' })
  createUser(@Arg('input', { description: 'The values to write; validated before anything is stored.' }) input: CreateUserInput, @Ctx() ctx: Context) {
    return ctx.users.create(input);
  }

  @Mutation(() => User, { description: 'Changes a user.' })
  updateUser(
    @Arg('id', () => ID, { description: 'Id of the user.' }) id: string,
    @Arg('input', { description: 'The values to write; validated before anything is stored.' }) input: UpdateUserInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.users.update(id, input);
  }

  @Mutation(() => UserWithApiKey, { description: "Replaces a user's API key and returns the new one, once." })
  rotateApiKey(@Arg('id', () => ID, { description: 'Id of the user.' }) id: string, @Ctx() ctx: Context) {
    return ctx.users.rotateApiKey(id);
  }

  @Mutation(() => User, { description: "Revokes a user's API key at once; rotateApiKey issues a new one." })
  revokeApiKey(@Arg('id', () => ID, { description: 'Id of the user.' }) id: string, @Ctx() ctx: Context) {
    return ctx.users.revokeApiKey(id);
  }

  @Mutation(() => DeletedUser, { description: 'Deletes a user with their projects (and their generations and analyses) and autosaves: its id, and where it hung from, for a client cache.' })
  deleteUser(@Arg('id', () => ID, { description: 'Id of the user.' }) id: string, @Ctx() ctx: Context) {
    return ctx.users.delete(id);
  }
}
