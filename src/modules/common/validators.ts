import { IsDefined, registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import isEmail from 'validator/lib/isEmail';

/** Upper bounds on free-form input, so one request cannot store or parse unbounded data. */
export const LIMITS = {
  /** Serialized size of any JSON field. */
  jsonBytes: 64 * 1024,
  /** Nesting depth of any JSON field. */
  jsonDepth: 20,
  /** Long text: specifications, descriptions. */
  text: 100_000,
  /** Generated code and autosave content. */
  content: 1_000_000,
} as const;

/**
 * For update inputs: the field may be left out (undefined) to keep its value,
 * but an explicit null is refused with one clear message (the check runs
 * before the others, and validation stops at the first failure per field).
 * Create inputs use @IsOptional instead: there null means "the default".
 */
export const IsOmittable = () => (target: object, propertyName: string) => {
  ValidateIf((_obj, value) => value !== undefined)(target, propertyName);
  IsDefined({ message: `${propertyName} cannot be null; omit it to leave it unchanged` })(target, propertyName);
};

/** Characters as people count them (code points), not UTF-16 units. */
export const countChars = (text: string) => [...text].length;

/** Text the three backends all store unchanged: PostgreSQL rejects NUL, and lone surrogates would be rewritten. */
export function isStorableText(value: unknown): boolean {
  return typeof value === 'string' && !value.includes('\u0000') && value.isWellFormed();
}

export function IsStorableText(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isStorableText',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be valid Unicode text without NUL characters`, ...options },
      validator: { validate: (value: unknown) => value == null || isStorableText(value) },
    });
}

/** Why a JSON value cannot be stored, or null when it can. Keys starting with "$" or containing "." are refused on every backend because MongoDB-compatible stores treat them as operators and paths. */
export function jsonProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'must be a JSON object';
  const size = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (size > LIMITS.jsonBytes) return `is ${size} bytes, more than the ${LIMITS.jsonBytes} allowed`;
  const walk = (v: unknown, depth: number): string | null => {
    if (depth > LIMITS.jsonDepth) return `is nested deeper than ${LIMITS.jsonDepth} levels`;
    if (typeof v === 'string') return isStorableText(v) ? null : 'contains a string with NUL or invalid Unicode';
    if (Array.isArray(v)) {
      for (const item of v) {
        const p = walk(item, depth + 1);
        if (p) return p;
      }
      return null;
    }
    if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if (k.startsWith('$') || k.includes('.')) {
          return `has key ${JSON.stringify(k.length > 64 ? `${k.slice(0, 64)}…` : k)}; keys must not start with "$" or contain "."`;
        }
        if (!isStorableText(k)) return 'has a key with NUL or invalid Unicode';
        const p = walk(item, depth + 1);
        if (p) return p;
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
export function IsEmailAddress(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isEmailAddress',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a valid email address`, ...options },
      validator: { validate: (value: unknown) => value == null || (isStorableText(value) && isEmail(value as string)) },
    });
}

export function IsJsonObject(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isJsonObject',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => value == null || jsonProblem(value) === null,
        defaultMessage: (args) => `${args?.property} ${jsonProblem(args?.value)}`,
      },
    });
}
