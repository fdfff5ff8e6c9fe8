import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsStorableText, LIMITS } from '../common/validators';

/** Worker ids name a process, e.g. "host-7/worker-3". */
const WORKER_ID = /^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/;
const WORKER_ID_MESSAGE = 'workerId must start with a letter or digit and use only letters, digits and "._:/@-"';
export const MAX_CLAIM = 100;
export const MAX_LEASE_SECONDS = 3600;
const MAX_TOKENS = 100_000_000;

/** A completion's generated source, as both completion mutations take it. */
function GeneratedCode(): PropertyDecorator {
  return (target, key) => {
    Field({ description: `The generated source, at most ${LIMITS.content} characters.` })(target, key);
    MaxLength(LIMITS.content)(target, key as string);
    IsStorableText()(target, key as string);
  };
}

/** A completion's token count, as both completion mutations take it. */
function TokensUsed(): PropertyDecorator {
  return (target, key) => {
    Field(() => Int, { description: `Model tokens used, 0 to ${MAX_TOKENS}.` })(target, key);
    IsInt()(target, key as string);
    Min(0)(target, key as string);
    Max(MAX_TOKENS)(target, key as string);
  };
}

@ArgsType()
export class WorkerArgs {
  @Field({ description: 'Who acts: a stable name per worker process, 1 to 200 characters.' })
  @Length(1, 200)
  @Matches(WORKER_ID, { message: WORKER_ID_MESSAGE })
  workerId!: string;
}

@ArgsType()
export class ClaimArgs extends WorkerArgs {
  @Field(() => Int, { defaultValue: 1, description: `How many to take at most, 1 to ${MAX_CLAIM}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_CLAIM)
  limit: number = 1;

  @Field(() => Int, { defaultValue: 60, description: `Seconds the claim is held without a heartbeat, 1 to ${MAX_LEASE_SECONDS}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_LEASE_SECONDS)
  leaseSeconds: number = 60;

  @Field(() => [String], { nullable: true, description: 'Only generations in these languages (at most 20).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Length(1, 40, { each: true })
  @IsStorableText({ each: true })
  languages?: string[];
}

@ArgsType()
export class HeldArgs extends WorkerArgs {
  @Field(() => ID, { description: 'The code generation the worker holds.' })
  @IsUUID('all', { message: 'id must be a valid id (UUID)' })
  id!: string;
}

@ArgsType()
export class HeartbeatArgs extends HeldArgs {
  @Field(() => Int, { defaultValue: 60, description: `Seconds from now the lease then ends, 1 to ${MAX_LEASE_SECONDS}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_LEASE_SECONDS)
  leaseSeconds: number = 60;
}

/** What a worker produced for one generation. */
@InputType({ description: 'The outcome of one held generation: its code and the tokens it took.' })
export class GenerationOutput {
  @Field(() => ID, { description: 'The code generation the worker holds.' })
  @IsUUID('all', { message: 'id must be a valid id (UUID)' })
  id!: string;

  @GeneratedCode()
  generatedCode!: string;

  @TokensUsed()
  tokensUsed!: number;
}

@ArgsType()
export class CompleteArgs extends HeldArgs {
  @GeneratedCode()
  generatedCode!: string;

  @TokensUsed()
  tokensUsed!: number;
}

@ArgsType()
export class CompleteManyArgs extends WorkerArgs {
  @Field(() => [GenerationOutput], { description: `1 to ${MAX_CLAIM} outcomes, each for a different generation.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CLAIM)
  @ValidateNested({ each: true })
  outputs!: GenerationOutput[];
}

@ArgsType()
export class FailArgs extends HeldArgs {
  @Field({ description: 'What went wrong, 1 to 2,000 characters (kept as lastError).' })
  @Length(1, 2000)
  @IsStorableText()
  error!: string;

  @Field({ defaultValue: true, description: 'False: fail for good now; true: retry after a backoff while attempts remain.' })
  retryable: boolean = true;
}
