import { IsEnum, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { SaveType } from '../../entities';
import { PageArgs } from '../common/connection';
import { DateTimeFilter, EnumFilter, IdFilter, OrderInput, StringFilter, TIME_SORT } from '../common/filters';
import { registerEnumType } from 'type-graphql';

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
  @IsOptional()
  @IsEnum(SaveType)
  saveType?: SaveType;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Free-form metadata; default {}.' })
  @IsOptional()
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

export const AutoSaveSortField = { ...TIME_SORT } as const;
registerEnumType(AutoSaveSortField, { name: 'AutoSaveSortField', description: 'Fields autosaves can be sorted by.' });
export const AutoSaveOrder = OrderInput(AutoSaveSortField, 'AutoSaveOrder');
const SaveTypeFilter = EnumFilter(SaveType, 'SaveTypeFilter');

@InputType({ description: 'Conditions on autosaves; all given ones must hold (combine with AND / OR).' })
export class AutoSaveFilter {
  @Field(() => [AutoSaveFilter], { nullable: true, description: 'All of these.' })
  AND?: AutoSaveFilter[];

  @Field(() => [AutoSaveFilter], { nullable: true, description: 'Any of these.' })
  OR?: AutoSaveFilter[];

  @Field(() => IdFilter, { nullable: true, description: 'Autosave id.' })
  id?: IdFilter;

  @Field(() => StringFilter, { nullable: true, description: 'File path.' })
  filePath?: StringFilter;

  @Field(() => StringFilter, { nullable: true, description: 'Editing session.' })
  saveId?: StringFilter;

  @Field(() => SaveTypeFilter, { nullable: true, description: 'Save type.' })
  saveType?: InstanceType<typeof SaveTypeFilter>;

  @Field(() => DateTimeFilter, { nullable: true, description: 'Creation time.' })
  createdAt?: DateTimeFilter;

  @Field(() => DateTimeFilter, { nullable: true, description: 'Last change.' })
  updatedAt?: DateTimeFilter;
}

export const AUTO_SAVE_FILTER_SPEC = {
  id: { prop: 'id', kind: 'id' },
  filePath: { prop: 'filePath', kind: 'string' },
  saveId: { prop: 'saveId', kind: 'string' },
  saveType: { prop: 'saveType', kind: 'enum' },
  createdAt: { prop: 'createdAt', kind: 'date' },
  updatedAt: { prop: 'updatedAt', kind: 'date' },
} as const;

@ArgsType()
export class AutoSaveListArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only saves of this editing session.' })
  @IsOptional()
  @MaxLength(100)
  @IsStorableText()
  saveId?: string | null;

  @Field(() => AutoSaveFilter, { nullable: true, description: 'Typed conditions, evaluated by the database.' })
  filter?: AutoSaveFilter | null;

  @Field(() => AutoSaveOrder, { nullable: true, description: 'Sort order (default: creation time, ascending).' })
  orderBy?: InstanceType<typeof AutoSaveOrder> | null;
}

@ArgsType()
export class AutoSavesArgs extends AutoSaveListArgs {
  @Field(() => ID, { nullable: true, description: 'Only saves made by this user.' })
  userId?: string | null;
}
