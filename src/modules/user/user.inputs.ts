import { IsEnum, IsOptional, Length, Matches } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, InputType, ObjectType } from 'type-graphql';
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
