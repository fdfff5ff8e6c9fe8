"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RowChecker = void 0;
const class_validator_1 = require("class-validator");
const api_key_1 = require("../auth/api-key");
const analysis_inputs_1 = require("../modules/analysis/analysis.inputs");
const auto_save_inputs_1 = require("../modules/auto-save/auto-save.inputs");
const code_generation_inputs_1 = require("../modules/code-generation/code-generation.inputs");
const validators_1 = require("../modules/common/validators");
const project_inputs_1 = require("../modules/project/project.inputs");
const user_inputs_1 = require("../modules/user/user.inputs");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Revoked keys (r…) and seeded users (x…): 64 characters no key can hash to. */
const UNUSABLE_KEY_HASH = /^[rx][0-9a-f]{63}$/;
/**
 * Each entity's row checked with the API's own rules: the create input class
 * (class-validator: types, ranges, lengths, enums, JSON rules) filled from the
 * row, then what only a stored row has (ids, timestamps, derived fields).
 */
const API_INPUTS = {
    User: { input: user_inputs_1.CreateUserInput, from: (r) => ({ username: r.username, email: r.email, preferences: r.preferences, role: r.role }) },
    Project: {
        input: project_inputs_1.CreateProjectInput,
        from: (r) => ({ ownerId: r.owner, name: r.name, description: r.description, projectType: r.projectType, status: r.status, config: r.config }),
        parent: { field: 'owner', entity: 'User' },
    },
    CodeGeneration: {
        input: code_generation_inputs_1.CreateCodeGenerationInput,
        from: (r) => ({ projectId: r.project, specification: r.specification, language: r.language, framework: r.framework, generatedCode: r.generatedCode, status: r.status, tokensUsed: r.tokensUsed }),
        parent: { field: 'project', entity: 'Project' },
    },
    ProjectAnalysis: {
        input: analysis_inputs_1.CreateProjectAnalysisInput,
        from: (r) => ({ projectId: r.project, analysisData: r.analysisData, healthScore: r.healthScore, issuesCount: r.issuesCount, warningsCount: r.warningsCount }),
        parent: { field: 'project', entity: 'Project' },
    },
    AutoSave: {
        input: auto_save_inputs_1.CreateAutoSaveInput,
        from: (r) => ({ userId: r.user, saveId: r.saveId, filePath: r.filePath, content: r.content, saveType: r.saveType, metadata: r.metadata }),
        parent: { field: 'user', entity: 'User' },
    },
};
/** Input fields named after the row's: projectId is the row's project, and so on. */
const ROW_FIELD = { ownerId: 'owner', projectId: 'project', userId: 'user' };
const isoDate = (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString() === v;
/** What only a stored row has: its id, timestamps and fields the server derives. */
function storedRowProblem(entity, row) {
    if (typeof row.id !== 'string' || !UUID.test(row.id))
        return { field: 'id', message: 'id must be a lower-case UUID' };
    for (const field of ['createdAt', 'updatedAt']) {
        if (field in row && !isoDate(row[field]))
            return { field, message: `${field} must be an ISO-8601 UTC time with milliseconds` };
    }
    if (typeof row.updatedAt === 'string' && row.updatedAt < row.createdAt)
        return { field: 'updatedAt', message: 'updatedAt must not be before createdAt' };
    if ('day' in row && row.day !== String(row.createdAt).slice(0, 10))
        return { field: 'day', message: 'day must be the UTC day of createdAt' };
    switch (entity) {
        case 'User':
            if (row.email !== String(row.email).toLowerCase())
                return { field: 'email', message: 'email must be stored lower-cased' };
            if (typeof row.apiKeyHash !== 'string' || !((0, api_key_1.isLiveKeyHash)(row.apiKeyHash) || UNUSABLE_KEY_HASH.test(row.apiKeyHash)))
                return { field: 'apiKeyHash', message: 'apiKeyHash must be a SHA-256 (hex) or a revoked-key placeholder' };
            if (typeof row.apiKeyPrefix !== 'string' || row.apiKeyPrefix.length > 16 || !(0, validators_1.isStorableText)(row.apiKeyPrefix))
                return { field: 'apiKeyPrefix', message: 'apiKeyPrefix must be text of at most 16 characters' };
            return null;
        case 'AutoSave':
            if (typeof row.content === 'string' && row.sizeChars !== (0, validators_1.countChars)(row.content))
                return { field: 'sizeChars', message: 'sizeChars must be the length of content in characters' };
            return null;
        default:
            return null;
    }
}
function firstValidationProblem(errors) {
    const [error] = errors;
    if (!error)
        return null;
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
class RowChecker {
    constructor() {
        this.parents = new Map([
            ['User', new Set()],
            ['Project', new Set()],
        ]);
        this.unique = new Map([
            ['username', new Set()],
            ['email', new Set()],
            ['apiKeyHash', new Set()],
        ]);
        this.lastId = new Map();
    }
    /** What is wrong with `row` of `entity`, or null. */
    check(entity, row) {
        const rules = API_INPUTS[entity];
        if (!rules)
            return { field: '', message: `${entity} is not an entity this build restores` };
        const problem = storedRowProblem(entity, row) ??
            firstValidationProblem((0, class_validator_1.validateSync)(Object.assign(new rules.input(), rules.from(row)), { forbidUnknownValues: false, stopAtFirstError: true, validationError: { target: false, value: false } }));
        if (problem)
            return problem;
        const id = row.id;
        const last = this.lastId.get(entity);
        if (last !== undefined && id <= last)
            return { field: 'id', message: 'ids must be unique and in ascending order' };
        this.lastId.set(entity, id);
        if (rules.parent && !this.parents.get(rules.parent.entity).has(row[rules.parent.field])) {
            return { field: rules.parent.field, message: `${rules.parent.field} must be the id of a ${rules.parent.entity} earlier in the backup` };
        }
        if (entity === 'User') {
            for (const [field, seen] of this.unique) {
                if (seen.has(row[field]))
                    return { field, message: `${field} must be unique` };
                seen.add(row[field]);
            }
        }
        this.parents.get(entity)?.add(id);
        return null;
    }
}
exports.RowChecker = RowChecker;
//# sourceMappingURL=row-rules.js.map