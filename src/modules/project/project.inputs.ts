import { IsEnum, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ProjectStatus, ProjectType } from '../../entities';
import { PageArgs } from '../common/connection';
import { DateTimeFilter, EnumFilter, IdFilter, OrderInput, StringFilter, TIME_SORT } from '../common/filters';
import { registerEnumType } from 'type-graphql';

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
  @IsOptional()
  @MaxLength(LIMITS.text)
  @IsStorableText()
  description?: string;

  @Field(() => ProjectType, { nullable: true, description: 'Kind of project; default OTHER.' })
  @IsOptional()
  @IsEnum(ProjectType)
  projectType?: ProjectType;

  @Field(() => ProjectStatus, { nullable: true, description: 'Initial status; default DRAFT.' })
  @IsOptional()
  @IsEnum(ProjectStatus)
  status?: ProjectStatus;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Configuration; default {}.' })
  @IsOptional()
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

export const ProjectSortField = { ...TIME_SORT, NAME: 'name', STATUS: 'status' } as const;
registerEnumType(ProjectSortField, { name: 'ProjectSortField', description: 'Fields projects can be sorted by.' });
export const ProjectOrder = OrderInput(ProjectSortField, 'ProjectOrder');
const ProjectStatusFilter = EnumFilter(ProjectStatus, 'ProjectStatusFilter');
const ProjectTypeFilter = EnumFilter(ProjectType, 'ProjectTypeFilter');

@InputType({ description: 'Conditions on projects; all given ones must hold (combine with AND / OR).' })
export class ProjectFilter {
  @Field(() => [ProjectFilter], { nullable: true, description: 'All of these.' })
  AND?: ProjectFilter[];

  @Field(() => [ProjectFilter], { nullable: true, description: 'Any of these.' })
  OR?: ProjectFilter[];

  @Field(() => IdFilter, { nullable: true, description: 'Project id.' })
  id?: IdFilter;

  @Field(() => IdFilter, { nullable: true, description: 'Owner id.' })
  ownerId?: IdFilter;

  @Field(() => StringFilter, { nullable: true, description: 'Name.' })
  name?: StringFilter;

  @Field(() => StringFilter, { nullable: true, description: 'Description.' })
  description?: StringFilter;

  @Field(() => ProjectStatusFilter, { nullable: true, description: 'Status.' })
  status?: InstanceType<typeof ProjectStatusFilter>;

  @Field(() => ProjectTypeFilter, { nullable: true, description: 'Kind of project.' })
  projectType?: InstanceType<typeof ProjectTypeFilter>;

  @Field(() => DateTimeFilter, { nullable: true, description: 'Creation time.' })
  createdAt?: DateTimeFilter;

  @Field(() => DateTimeFilter, { nullable: true, description: 'Last change.' })
  updatedAt?: DateTimeFilter;
}

export const PROJECT_FILTER_SPEC = {
  id: { prop: 'id', kind: 'id' },
  ownerId: { prop: 'owner', kind: 'id' },
  name: { prop: 'name', kind: 'string' },
  description: { prop: 'description', kind: 'string' },
  status: { prop: 'status', kind: 'enum' },
  projectType: { prop: 'projectType', kind: 'enum' },
  createdAt: { prop: 'createdAt', kind: 'date' },
  updatedAt: { prop: 'updatedAt', kind: 'date' },
} as const;

@ArgsType()
export class ProjectListArgs extends PageArgs {
  @Field(() => ProjectStatus, { nullable: true, description: 'Only projects with this status.' })
  status?: ProjectStatus | null;

  @Field(() => ProjectType, { nullable: true, description: 'Only projects of this kind.' })
  projectType?: ProjectType | null;

  @Field(() => ProjectFilter, { nullable: true, description: 'Typed conditions, evaluated by the database.' })
  filter?: ProjectFilter | null;

  @Field(() => ProjectOrder, { nullable: true, description: 'Sort order (default: creation time, ascending).' })
  orderBy?: InstanceType<typeof ProjectOrder> | null;
}

@ArgsType()
export class ProjectsArgs extends ProjectListArgs {
  @Field(() => ID, { nullable: true, description: 'Only projects owned by this user.' })
  ownerId?: string | null;
}
