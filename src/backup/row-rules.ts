import { validateSync, type ValidationError } from 'class-validator';
import { isLiveKeyHash } from '../auth/api-key';
import { CreateProjectAnalysisInput } from '../modules/analysis/analysis.inputs';
import { CreateAutoSaveInput } from '../modules/auto-save/auto-save.inputs';
import { CreateCodeGenerationInput } from '../modules/code-generation/code-generation.inputs';
import { countChars, isStorableText } from '../modules/common/validators';
import { CreateProjectInput } from '../modules/project/project.inputs';
import { CreateUserInput } from '../modules/user/user.inputs';

type Row = Record<string, unknown>;
/** A field and what is wrong with it. */
export type RowProblem = { field: string; message: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Revoked keys (r…) and seeded users (x…): 64 characters no key can hash to. */
const UNUSABLE_KEY_HASH = /^[rx][0-9a-f]{63}$/;

/**
 * Each entity's row checked with the API's own rules: the create input class
 * (class-validator: types, ranges, lengths, enums, JSON rules) filled from the
 * row, then what only a stored row has (ids, timestamps, derived fields).
 */
const API_INPUTS: Record<string, { input: new () => object; from(row: Row): Row; parent?: { field: string; entity: string } }> = {
  User: { input: CreateUserInput, from: (r) => ({ username: r.username, email: r.email, preferences: r.preferences, role: r.role }) },
  Project: {
    input: CreateProjectInput,
    from: (r) => ({ ownerId: r.owner, name: r.name, description: r.description, projectType: r.projectType, status: r.status, config: r.config }),
    parent: { field: 'owner', entity: 'User' },
  },
  CodeGeneration: {
    input: CreateCodeGenerationInput,
    from: (r) => ({ projectId: r.project, specification: r.specification, language: r.language, framework: r.framework, generatedCode: r.generatedCode, status: r.status, tokensUsed: r.tokensUsed }),
    parent: { field: 'project', entity: 'Project' },
  },
  ProjectAnalysis: {
    input: CreateProjectAnalysisInput,
    from: (r) => ({ projectId: r.project, analysisData: r.analysisData, healthScore: r.healthScore, issuesCount: r.issuesCount, warningsCount: r.warningsCount }),
    parent: { field: 'project', entity: 'Project' },
  },
  AutoSave: {
    input: CreateAutoSaveInput,
    from: (r) => ({ userId: r.user, saveId: r.saveId, filePath: r.filePath, content: r.content, saveType: r.saveType, metadata: r.metadata }),
    parent: { field: 'user', entity: 'User' },
  },
};

/** Input fields named after the row's: projectId is the row's project, and so on. */
const ROW_FIELD: Record<string, string> = { ownerId: 'owner', projectId: 'project', userId: 'user' };

const isoDate = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString() === v;

/** What only a stored row has: its id, timestamps and fields the server derives. */
function storedRowProblem(entity: string, row: Row): RowProblem | null {
  if (typeof row.id !== 'string' || !UUID.test(row.id)) return { field: 'id', message: 'id must be a lower-case UUID' };
  for (const field of ['createdAt', 'updatedAt']) {
    if (field in row && !isoDate(row[field])) return { field, message: `${field} must be an ISO-8601 UTC time with milliseconds` };
  }
  if (typeof row.updatedAt === 'string' && (row.updatedAt as string) < (row.createdAt as string)) return { field: 'updatedAt', message: 'updatedAt must not be before createdAt' };
  if ('day' in row && row.day !== String(row.createdAt).slice(0, 10)) return { field: 'day', message: 'day must be the UTC day of createdAt' };
  switch (entity) {
    case 'User':
      if (row.email !== String(row.email).toLowerCase()) return { field: 'email', message: 'email must be stored lower-cased' };
      if (typeof row.apiKeyHash !== 'string' || !(isLiveKeyHash(row.apiKeyHash) || UNUSABLE_KEY_HASH.test(row.apiKeyHash)))
        return { field: 'apiKeyHash', message: 'apiKeyHash must be a SHA-256 (hex) or a revoked-key placeholder' };
      if (typeof row.apiKeyPrefix !== 'string' || row.apiKeyPrefix.length > 16 || !isStorableText(row.apiKeyPrefix))
        return { field: 'apiKeyPrefix', message: 'apiKeyPrefix must be text of at most 16 characters' };
      return null;
    case 'CodeGeneration':
      return queueFieldsProblem(row);
    case 'AutoSave':
      if (typeof row.content === 'string' && row.sizeChars !== countChars(row.content)) return { field: 'sizeChars', message: 'sizeChars must be the length of content in characters' };
      return null;
    default:
      return null;
  }
}

const isCount = (v: unknown, min: number, max: number) => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
const isShortText = (v: unknown, max: number) => typeof v === 'string' && v.length > 0 && countChars(v) <= max && isStorableText(v);

/** The work queue's fields on a code generation (see QueueService), as the API would have written them. */
function queueFieldsProblem(row: Row): RowProblem | null {
  if (!isCount(row.priority, -1_000_000, 1_000_000)) return { field: 'priority', message: 'priority must be an integer from -1000000 to 1000000' };
  if (!isCount(row.attempts, 0, 1_000_000)) return { field: 'attempts', message: 'attempts must be an integer of at least 0' };
  if (!isCount(row.maxAttempts, 1, 100)) return { field: 'maxAttempts', message: 'maxAttempts must be an integer from 1 to 100' };
  for (const field of ['runAfter', 'lockedUntil', 'startedAt', 'completedAt']) {
    if (row[field] !== null && !isoDate(row[field])) return { field, message: `${field} must be null or an ISO-8601 UTC time with milliseconds` };
  }
  if (row.lockedBy !== null && !isShortText(row.lockedBy, 200)) return { field: 'lockedBy', message: 'lockedBy must be null or text of 1 to 200 characters' };
  if (row.lastError !== null && !isShortText(row.lastError, 2000)) return { field: 'lastError', message: 'lastError must be null or text of 1 to 2000 characters' };
  return null;
}

function firstValidationProblem(errors: ValidationError[]): RowProblem | null {
  const [error] = errors;
  if (!error) return null;
  const field = ROW_FIELD[error.property] ?? error.property;
  const message = Object.values(error.constraints ?? {})[0] ?? `${field} is invalid`;
  return { field, message: message.replace(error.property, field) };
}

/**
 * Checks restored rows in file order: each row by the API's rules, ids unique
 * and ascending per entity (as backups write them), unique fields unique, and
 * every reference to a parent that came earlier in the file. Memory grows with
 * the parents (users, projects), not with every row.
 */
export class RowChecker {
  private readonly parents = new Map<string, Set<string>>([
    ['User', new Set()],
    ['Project', new Set()],
  ]);
  private readonly unique = new Map<string, Set<unknown>>([
    ['username', new Set()],
    ['email', new Set()],
    ['apiKeyHash', new Set()],
  ]);
  private lastId = new Map<string, string>();

  /** What is wrong with `row` of `entity`, or null. */
  check(entity: string, row: Row): RowProblem | null {
    const rules = API_INPUTS[entity];
    if (!rules) return { field: '', message: `${entity} is not an entity this build restores` };
    const problem =
      storedRowProblem(entity, row) ??
      firstValidationProblem(validateSync(Object.assign(new rules.input(), rules.from(row)), { forbidUnknownValues: false, stopAtFirstError: true, validationError: { target: false, value: false } }));
    if (problem) return problem;
    const id = row.id as string;
    const last = this.lastId.get(entity);
    if (last !== undefined && id <= last) return { field: 'id', message: 'ids must be unique and in ascending order' };
    this.lastId.set(entity, id);
    if (rules.parent && !this.parents.get(rules.parent.entity)!.has(row[rules.parent.field] as string)) {
      return { field: rules.parent.field, message: `${rules.parent.field} must be the id of a ${rules.parent.entity} earlier in the backup` };
    }
    if (entity === 'User') {
      for (const [field, seen] of this.unique) {
        if (seen.has(row[field])) return { field, message: `${field} must be unique` };
        seen.add(row[field]);
      }
    }
    this.parents.get(entity)?.add(id);
    return null;
  }
}
