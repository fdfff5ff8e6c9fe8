import { IsEnum, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { SaveType } from '../../entities';
import { PageArgs } from '../common/connection';
import { IsJsonObject, IsOmittable, IsStorableText, LIMITS } from '../common/validators';

@InputType({ description: 'A new autosave. Its size is computed by the server from content.' })
export class CreateAutoSaveInput {
  @Field(() => ID, { nullable: true, description: 'The user who made the save; default the caller. Only an admin may name another user.' })
  @IsOptional()
  @IsUUID('all', { message: 'userId must be a valid id (UUID)' })
  userId?: string | null;

  @Field({ description: 'Editing-session identifier, 1 to 100 characters.' })
  @Length(1, 100)
  @IsStorableText()
  saveId!: string;

  @Field({ description: 'File path, 1 to 1024 characters.' })
  @Length(1, 1024)
  @IsStorableText()
  filePath!: string;

  @Field({ description: `File content, at most ${LIMITS.content} characters.` })
  @MaxLength(LIMITS.content)
  @IsStorableText()
  content!: string;

  @Field(() => SaveType, { nullable: true, description: 'Why the save was taken; default AUTO.' })
  @IsOmittable()
  @IsEnum(SaveType)
  saveType?: SaveType;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Free-form metadata; default {}.' })
  @IsOmittable()
  @IsJsonObject()
  metadata?: Record<string, unknown>;
}

@InputType({ description: 'Changes to an autosave; omitted fields stay as they are.' })
export class UpdateAutoSaveInput {
  @Field({ nullable: true, description: 'New file path.' })
  @IsOmittable()
  @Length(1, 1024)
  @IsStorableText()
  filePath?: string;

  @Field({ nullable: true, description: 'New content; sizeChars follows it.' })
  @IsOmittable()
  @MaxLength(LIMITS.content)
  @IsStorableText()
  content?: string;

  @Field(() => SaveType, { nullable: true, description: 'New save type.' })
  @IsOmittable()
  @IsEnum(SaveType)
  saveType?: SaveType;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Replaces the metadata as a whole.' })
  @IsOmittable()
  @IsJsonObject()
  metadata?: Record<string, unknown>;
}

@ArgsType()
export class AutoSaveListArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only saves of this editing session.' })
  @IsOptional()
  @MaxLength(100)
  @IsStorableText()
  saveId?: string | null;
}

@ArgsType()
export class AutoSavesArgs extends AutoSaveListArgs {
  @Field(() => ID, { nullable: true, description: 'Only saves made by this user.' })
  userId?: string | null;
}
