"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.countChars = exports.IsOmittable = exports.LIMITS = void 0;
exports.isStorableText = isStorableText;
exports.IsStorableText = IsStorableText;
exports.jsonProblem = jsonProblem;
exports.IsEmailAddress = IsEmailAddress;
exports.IsJsonObject = IsJsonObject;
const class_validator_1 = require("class-validator");
const isEmail_1 = __importDefault(require("validator/lib/isEmail"));
/** Upper bounds on free-form input, so one request cannot store or parse unbounded data. */
exports.LIMITS = {
    /** Serialized size of any JSON field. */
    jsonBytes: 64 * 1024,
    /** Nesting depth of any JSON field. */
    jsonDepth: 20,
    /** Long text: specifications, descriptions. */
    text: 100_000,
    /** Generated code and autosave content. */
    content: 1_000_000,
};
/**
 * For update inputs: the field may be left out (undefined) to keep its value,
 * but an explicit null is refused with one clear message (the check runs
 * before the others, and validation stops at the first failure per field).
 * Create inputs use @IsOptional instead: there null means "the default".
 */
const IsOmittable = () => (target, propertyName) => {
    (0, class_validator_1.ValidateIf)((_obj, value) => value !== undefined)(target, propertyName);
    (0, class_validator_1.IsDefined)({ message: `${propertyName} cannot be null; omit it to leave it unchanged` })(target, propertyName);
};
exports.IsOmittable = IsOmittable;
/** Characters as people count them (code points), not UTF-16 units. */
const countChars = (text) => [...text].length;
exports.countChars = countChars;
/** Text the three backends all store unchanged: PostgreSQL rejects NUL, and lone surrogates would be rewritten. */
function isStorableText(value) {
    return typeof value === 'string' && !value.includes('\u0000') && value.isWellFormed();
}
function IsStorableText(options) {
    return (target, propertyName) => (0, class_validator_1.registerDecorator)({
        name: 'isStorableText',
        target: target.constructor,
        propertyName,
        options: { message: `${propertyName} must be valid Unicode text without NUL characters`, ...options },
        validator: { validate: (value) => value == null || isStorableText(value) },
    });
}
/** Why a JSON value cannot be stored, or null when it can. Keys starting with "$" or containing "." are refused on every backend because MongoDB-compatible stores treat them as operators and paths. */
function jsonProblem(value) {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        return 'must be a JSON object';
    const size = Buffer.byteLength(JSON.stringify(value), 'utf8');
    if (size > exports.LIMITS.jsonBytes)
        return `is ${size} bytes, more than the ${exports.LIMITS.jsonBytes} allowed`;
    const walk = (v, depth) => {
        if (depth > exports.LIMITS.jsonDepth)
            return `is nested deeper than ${exports.LIMITS.jsonDepth} levels`;
        if (typeof v === 'string')
            return isStorableText(v) ? null : 'contains a string with NUL or invalid Unicode';
        if (Array.isArray(v)) {
            for (const item of v) {
                const p = walk(item, depth + 1);
                if (p)
                    return p;
            }
            return null;
        }
        if (v && typeof v === 'object') {
            for (const [k, item] of Object.entries(v)) {
                if (k.startsWith('$') || k.includes('.')) {
                    return `has key ${JSON.stringify(k.length > 64 ? `${k.slice(0, 64)}…` : k)}; keys must not start with "$" or contain "."`;
                }
                if (!isStorableText(k))
                    return 'has a key with NUL or invalid Unicode';
                const p = walk(item, depth + 1);
                if (p)
                    return p;
            }
        }
        return null;
    };
    return walk(value, 1);
}
/**
 * An email address (validator.js's rules) that every backend stores unchanged.
 * Checked for well-formed text first: validator.js throws on lone surrogates.
 */
function IsEmailAddress(options) {
    return (target, propertyName) => (0, class_validator_1.registerDecorator)({
        name: 'isEmailAddress',
        target: target.constructor,
        propertyName,
        options: { message: `${propertyName} must be a valid email address`, ...options },
        validator: { validate: (value) => value == null || (isStorableText(value) && (0, isEmail_1.default)(value)) },
    });
}
function IsJsonObject(options) {
    return (target, propertyName) => (0, class_validator_1.registerDecorator)({
        name: 'isJsonObject',
        target: target.constructor,
        propertyName,
        options,
        validator: {
            validate: (value) => value == null || jsonProblem(value) === null,
            defaultMessage: (args) => `${args?.property} ${jsonProblem(args?.value)}`,
        },
    });
}
//# sourceMappingURL=validators.js.map