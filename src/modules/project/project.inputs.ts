import { IsEnum, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ProjectStatus, ProjectType } from '../../entities';
import { PageArgs } from '../common/connection';
import { IsJsonObject, IsOmittable, IsStorableText, LIMITS } from '../common/validators';

@InputType({ description: 'A new project.' })
export class CreateProjectInput {
  @Field(() => ID, { nullable: true, description: 'The owner; default the caller. Only an admin may name another user.' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be a valid id (UUID)' })
  ownerId?: string | null;

  @Field({ description: 'Display name, 1 to 200 characters.' })
  @Length(1, 200)
  @IsStorableText()
  name!: string;

  @Field({ nullable: true, description: `Description, at most ${LIMITS.text} characters; default "".` })
  @IsOmittable()
  @MaxLength(LIMITS.text)
  @IsStorableText()
  description?: string;

  @Field(() => ProjectType, { nullable: true, description: 'Kind of project; default OTHER.' })
  @IsOmittable()
  @IsEnum(ProjectType)
  projectType?: ProjectType;

  @Field(() => ProjectStatus, { nullable: true, description: 'Initial status; default DRAFT.' })
  @IsOmittable()
  @IsEnum(ProjectStatus)
  status?: ProjectStatus;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Configuration; default {}.' })
  @IsOmittable()
  @IsJsonObject()
  config?: Record<string, unknown>;
}

@InputType({ description: 'Changes to a project; omitted fields stay as they are.' })
export class UpdateProjectInput {
  @Field({ nullable: true, description: 'New name, 1 to 200 characters.' })
  @IsOmittable()
  @Length(1, 200)
  @IsStorableText()
  name?: string;

  @Field({ nullable: true, description: 'New description.' })
  @IsOmittable()
  @MaxLength(LIMITS.text)
  @IsStorableText()
  description?: string;

  @Field(() => ProjectType, { nullable: true, description: 'New kind.' })
  @IsOmittable()
  @IsEnum(ProjectType)
  projectType?: ProjectType;

  @Field(() => ProjectStatus, { nullable: true, description: 'New status.' })
  @IsOmittable()
  @IsEnum(ProjectStatus)
  status?: ProjectStatus;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Replaces the configuration as a whole.' })
  @IsOmittable()
  @IsJsonObject()
  config?: Record<string, unknown>;
}

@ArgsType()
export class ProjectListArgs extends PageArgs {
  @Field(() => ProjectStatus, { nullable: true, description: 'Only projects with this status.' })
  status?: ProjectStatus | null;

  @Field(() => ProjectType, { nullable: true, description: 'Only projects of this kind.' })
  projectType?: ProjectType | null;
}

@ArgsType()
export class ProjectsArgs extends ProjectListArgs {
  @Field(() => ID, { nullable: true, description: 'Only projects owned by this user.' })
  ownerId?: string | null;
}
