"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.uniqueProps = void 0;
exports.isUniqueViolation = isUniqueViolation;
exports.isForeignKeyViolation = isForeignKeyViolation;
exports.uniqueViolationProperty = uniqueViolationProperty;
exports.refusedValueReason = refusedValueReason;
const stored_rows_1 = require("./stored-rows");
/** Whether `error` is a unique-key violation (SQLite, PostgreSQL, MongoDB; raw or as MikroORM wraps it). */
function isUniqueViolation(error) {
    const e = error;
    if (!e)
        return false;
    return e.name === 'UniqueConstraintViolationException' || e.code === '23505' || e.code === 11000 || /UNIQUE constraint failed|E11000 duplicate key/.test(String(e.message));
}
/** Whether `error` is a foreign-key violation (a parent that is gone). */
function isForeignKeyViolation(error) {
    const e = error;
    return !!e && (e.name === 'ForeignKeyConstraintViolationException' || e.code === '23503' || /FOREIGN KEY constraint failed/.test(String(e.message)));
}
/**
 * The property a unique violation was about, when the driver says which
 * column: PostgreSQL's detail ("Key (email)=(…) already exists"), SQLite's
 * message ("UNIQUE constraint failed: users.email"), MongoDB's keyValue.
 */
function uniqueViolationProperty(error, meta) {
    const e = error;
    const column = /^Key \("?(\w+)"?\)=/.exec(String(e.detail ?? ''))?.[1] ??
        /UNIQUE constraint failed: \w+\.(\w+)/.exec(String(e.message ?? ''))?.[1] ??
        Object.keys((e.keyValue ?? e.keyPattern ?? {}))[0] ??
        new RegExp(`^${meta.tableName}_(\\w+)_unique$`).exec(String(e.constraint ?? ''))?.[1];
    if (column)
        return (0, stored_rows_1.storedFields)(meta).find((f) => f.column === column)?.prop;
    // FerretDB names the index inside its message (e.g. "index 'users_5e7cc513_users_username_unique'").
    const message = String(e.message ?? '');
    return (0, stored_rows_1.storedFields)(meta).find((f) => message.includes(`${meta.tableName}_${f.column}_unique`))?.prop;
}
/** The unique properties of an entity (for finding which one a violation that names none was about). */
const uniqueProps = (meta) => Object.values(meta.properties)
    .filter((p) => p.unique)
    .map((p) => p.name);
exports.uniqueProps = uniqueProps;
/**
 * Why the database refused a value the API accepted, when it is the value's
 * fault and not the server's: a MongoDB-compatible server without some
 * capability (FerretDB 1.x stores no arrays nested in arrays) or past its
 * document size. Null for any other error. The reason is the server's own
 * words in parentheses, never the value it quotes.
 */
function refusedValueReason(error) {
    const e = error;
    if (!e || e.name !== 'MongoServerError')
        return null;
    const message = String(e.message ?? '');
    if (e.code === 10334 || /too large/i.test(message))
        return 'the document is larger than the database accepts';
    if (e.code !== 2 && !/not supported/.test(message))
        return null;
    return /\(([^()]{1,120})\)\s*$/.exec(message)?.[1] ?? 'the database does not support this value';
}
//# sourceMappingURL=db-errors.js.map