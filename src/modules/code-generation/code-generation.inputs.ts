import { IsEnum, IsInt, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { GenerationStatus } from '../../entities';
import { PageArgs } from '../common/connection';
import { DateTimeFilter, EnumFilter, IdFilter, IntFilter, OrderInput, StringFilter, TIME_SORT } from '../common/filters';
import { registerEnumType } from 'type-graphql';

import { IsOmittable, IsStorableText, LIMITS } from '../common/validators';

/** Languages and frameworks are identifiers such as "typescript", "c++", "next.js". */
const IDENT = /^[A-Za-z0-9][A-Za-z0-9+#._ -]*$/;
const IDENT_MESSAGE = '$property must start with a letter or digit and use only letters, digits, "+#._ -"';
const MAX_TOKENS = 100_000_000;

@InputType({ description: 'A new code generation.' })
export class CreateCodeGenerationInput {
  @Field(() => ID, { description: 'The project it belongs to.' })
  @IsUUID('all', { message: 'projectId must be a valid id (UUID)' })
  projectId!: string;

  @Field({ description: `What to generate, 1 to ${LIMITS.text} characters.` })
  @Length(1, LIMITS.text)
  @IsStorableText()
  specification!: string;

  @Field({ description: 'Target language, 1 to 40 characters, e.g. "python".' })
  @Length(1, 40)
  @Matches(IDENT, { message: IDENT_MESSAGE })
  language!: string;

  @Field(() => String, { nullable: true, description: 'Target framework, 1 to 60 characters; default null.' })
  @IsOptional()
  @Length(1, 60)
  @Matches(IDENT, { message: IDENT_MESSAGE })
  framework?: string;

  @Field(() => String, { nullable: true, description: `Generated code, at most ${LIMITS.content} characters.` })
  @IsOptional()
  @MaxLength(LIMITS.content)
  @IsStorableText()
  generatedCode?: string;

  @Field(() => GenerationStatus, { nullable: true, description: 'Initial status; default PENDING.' })
  @IsOptional()
  @IsEnum(GenerationStatus)
  status?: GenerationStatus;

  @Field(() => Int, { nullable: true, description: `Tokens used, 0 to ${MAX_TOKENS}; default 0.` })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_TOKENS)
  tokensUsed?: number;

  @Field(() => Int, { nullable: true, description: 'Queue order, -1000000 to 1000000: higher is claimed first; default 0.' })
  @IsOptional()
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  priority?: number;

  @Field(() => Int, { nullable: true, description: 'Claims allowed before a failure is final, 1 to 100; default 3.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  maxAttempts?: number;
}

@InputType({ description: 'Changes to a code generation; omitted fields stay, null clears framework or generatedCode.' })
export class UpdateCodeGenerationInput {
  @Field({ nullable: true, description: 'New specification.' })
  @IsOmittable()
  @Length(1, LIMITS.text)
  @IsStorableText()
  specification?: string;

  @Field({ nullable: true, description: 'New language.' })
  @IsOmittable()
  @Length(1, 40)
  @Matches(IDENT, { message: IDENT_MESSAGE })
  language?: string;

  @Field(() => String, { nullable: true, description: 'New framework; null clears it.' })
  @IsOptional()
  @Length(1, 60)
  @Matches(IDENT, { message: IDENT_MESSAGE })
  framework?: string | null;

  @Field(() => String, { nullable: true, description: 'New generated code; null clears it.' })
  @IsOptional()
  @MaxLength(LIMITS.content)
  @IsStorableText()
  generatedCode?: string | null;

  @Field(() => GenerationStatus, { nullable: true, description: 'New status.' })
  @IsOmittable()
  @IsEnum(GenerationStatus)
  status?: GenerationStatus;

  @Field(() => Int, { nullable: true, description: 'New token count.' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(MAX_TOKENS)
  tokensUsed?: number;
}

export const CodeGenerationSortField = { ...TIME_SORT, TOKENS_USED: 'tokensUsed', STATUS: 'status' } as const;
registerEnumType(CodeGenerationSortField, { name: 'CodeGenerationSortField', description: 'Fields code generations can be sorted by.' });
export const CodeGenerationOrder = OrderInput(CodeGenerationSortField, 'CodeGenerationOrder');
const GenerationStatusFilter = EnumFilter(GenerationStatus, 'GenerationStatusFilter');

@InputType({ description: 'Conditions on code generations; all given ones must hold (combine with AND / OR).' })
export class CodeGenerationFilter {
  @Field(() => [CodeGenerationFilter], { nullable: true, description: 'All of these.' })
  AND?: CodeGenerationFilter[];

  @Field(() => [CodeGenerationFilter], { nullable: true, description: 'Any of these.' })
  OR?: CodeGenerationFilter[];

  @Field(() => IdFilter, { nullable: true, description: 'Generation id.' })
  id?: IdFilter;

  @Field(() => IdFilter, { nullable: true, description: 'Project id.' })
  projectId?: IdFilter;

  @Field(() => GenerationStatusFilter, { nullable: true, description: 'Status.' })
  status?: InstanceType<typeof GenerationStatusFilter>;

  @Field(() => StringFilter, { nullable: true, description: 'Language.' })
  language?: StringFilter;

  @Field(() => StringFilter, { nullable: true, description: 'Framework.' })
  framework?: StringFilter;

  @Field(() => StringFilter, { nullable: true, description: 'Specification text.' })
  specification?: StringFilter;

  @Field(() => IntFilter, { nullable: true, description: 'Tokens used.' })
  tokensUsed?: IntFilter;

  @Field(() => DateTimeFilter, { nullable: true, description: 'Creation time.' })
  createdAt?: DateTimeFilter;

  @Field(() => DateTimeFilter, { nullable: true, description: 'Last change.' })
  updatedAt?: DateTimeFilter;
}

export const CODE_GENERATION_FILTER_SPEC = {
  id: { prop: 'id', kind: 'id' },
  projectId: { prop: 'project', kind: 'id' },
  status: { prop: 'status', kind: 'enum' },
  language: { prop: 'language', kind: 'string' },
  framework: { prop: 'framework', kind: 'string' },
  specification: { prop: 'specification', kind: 'string' },
  tokensUsed: { prop: 'tokensUsed', kind: 'int' },
  createdAt: { prop: 'createdAt', kind: 'date' },
  updatedAt: { prop: 'updatedAt', kind: 'date' },
} as const;

@ArgsType()
export class CodeGenerationListArgs extends PageArgs {
  @Field(() => GenerationStatus, { nullable: true, description: 'Only generations with this status.' })
  status?: GenerationStatus | null;

  @Field(() => String, { nullable: true, description: 'Only generations in this language.' })
  @IsOptional()
  @MaxLength(40)
  @IsStorableText()
  language?: string | null;

  @Field(() => CodeGenerationFilter, { nullable: true, description: 'Typed conditions, evaluated by the database.' })
  filter?: CodeGenerationFilter | null;

  @Field(() => CodeGenerationOrder, { nullable: true, description: 'Sort order (default: creation time, ascending).' })
  orderBy?: InstanceType<typeof CodeGenerationOrder> | null;
}

@ArgsType()
export class CodeGenerationsArgs extends CodeGenerationListArgs {
  @Field(() => ID, { nullable: true, description: 'Only generations of this project.' })
  projectId?: string | null;
}
