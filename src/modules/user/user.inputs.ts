import { IsEnum, IsOptional, Length, Matches } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../common/connection';
import { DateTimeFilter, EnumFilter, IdFilter, OrderInput, StringFilter, TIME_SORT } from '../common/filters';
import { User, UserRole } from '../../entities';
import { IsEmailAddress, IsJsonObject, IsOmittable } from '../common/validators';

const USERNAME = /^[A-Za-z0-9._-]+$/;
const USERNAME_MESSAGE = 'username may contain only letters, digits, ".", "_" and "-"';

@InputType({ description: 'A new user.' })
export class CreateUserInput {
  @Field({ description: 'Unique handle, 3 to 40 characters of letters, digits, ".", "_" or "-".' })
  @Length(3, 40)
  @Matches(USERNAME, { message: USERNAME_MESSAGE })
  username!: string;

  @Field({ description: 'Unique email address (compared case-insensitively).' })
  @IsEmailAddress()
  @Length(3, 254)
  email!: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Preferences; default {} (also when null).' })
  @IsOptional()
  @IsJsonObject()
  preferences?: Record<string, unknown> | null;

  @Field(() => UserRole, { nullable: true, description: 'Role; default USER. Only an admin may give ADMIN.' })
  @IsOptional()
  @IsEnum(UserRole)
  role?: UserRole | null;
}

@InputType({ description: 'Changes to a user; omitted fields stay as they are.' })
export class UpdateUserInput {
  @Field({ nullable: true, description: 'New unique handle.' })
  @IsOmittable()
  @Length(3, 40)
  @Matches(USERNAME, { message: USERNAME_MESSAGE })
  username?: string;

  @Field({ nullable: true, description: 'New unique email address.' })
  @IsOmittable()
  @IsEmailAddress()
  @Length(3, 254)
  email?: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Replaces the preferences object as a whole.' })
  @IsOmittable()
  @IsJsonObject()
  preferences?: Record<string, unknown>;

  @Field(() => UserRole, { nullable: true, description: 'New role; admins only.' })
  @IsOmittable()
  @IsEnum(UserRole)
  role?: UserRole;
}

@ObjectType({ description: 'A user together with their API key, returned only when the key is made.', simpleResolvers: true })
export class UserWithApiKey {
  @Field(() => User, { description: 'The user.' })
  user!: User;

  @Field({ description: 'The API key in clear. Shown this once: only its hash is stored.' })
  apiKey!: string;
}

export const UserSortField = { ...TIME_SORT, USERNAME: 'username' } as const;
registerEnumType(UserSortField, { name: 'UserSortField', description: 'Fields users can be sorted by.' });
export const UserOrder = OrderInput(UserSortField, 'UserOrder');
const UserRoleFilter = EnumFilter(UserRole, 'UserRoleFilter');

@InputType({ description: 'Conditions on users; all given ones must hold (combine with AND / OR).' })
export class UserFilter {
  @Field(() => [UserFilter], { nullable: true, description: 'All of these.' })
  AND?: UserFilter[];

  @Field(() => [UserFilter], { nullable: true, description: 'Any of these.' })
  OR?: UserFilter[];

  @Field(() => IdFilter, { nullable: true, description: 'User id.' })
  id?: IdFilter;

  @Field(() => StringFilter, { nullable: true, description: 'Username.' })
  username?: StringFilter;

  @Field(() => StringFilter, { nullable: true, description: 'Email address (stored lower-case).' })
  email?: StringFilter;

  @Field(() => UserRoleFilter, { nullable: true, description: 'Role.' })
  role?: InstanceType<typeof UserRoleFilter>;

  @Field(() => DateTimeFilter, { nullable: true, description: 'Creation time.' })
  createdAt?: DateTimeFilter;

  @Field(() => DateTimeFilter, { nullable: true, description: 'Last change.' })
  updatedAt?: DateTimeFilter;
}

export const USER_FILTER_SPEC = {
  id: { prop: 'id', kind: 'id' },
  username: { prop: 'username', kind: 'string' },
  email: { prop: 'email', kind: 'string' },
  role: { prop: 'role', kind: 'enum' },
  createdAt: { prop: 'createdAt', kind: 'date' },
  updatedAt: { prop: 'updatedAt', kind: 'date' },
} as const;

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => UserFilter, { nullable: true, description: 'Typed conditions, evaluated by the database (an admin sees every user; anyone else only themselves).' })
  filter?: UserFilter | null;

  @Field(() => UserOrder, { nullable: true, description: 'Sort order (default: creation time, ascending).' })
  orderBy?: InstanceType<typeof UserOrder> | null;
}
