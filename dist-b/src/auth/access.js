"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Access = void 0;
exports.presentedKey = presentedKey;
exports.authenticate = authenticate;
const node_crypto_1 = require("node:crypto");
const graphql_1 = require("graphql");
const entities_1 = require("../entities");
const codes_1 = require("../errors/codes");
const api_key_1 = require("./api-key");
const light_find_1 = require("../db/light-find");
const UNAUTHENTICATED_MESSAGE = 'Invalid or revoked API key';
/** The API key from `Authorization: Bearer <key>` or `x-api-key`, if the request carries one. */
function presentedKey(headers) {
    const auth = headers.get('authorization');
    if (auth) {
        const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
        return m ? m[1] : auth; // a malformed header still counts as a (wrong) key
    }
    return headers.get('x-api-key') ?? null;
}
/**
 * Resolves the caller from an API key. A wrong, malformed or revoked key is
 * refused with the same message whether or not the user exists. Keys are looked
 * up by their SHA-256 (indexed), then the hashes compared in constant time.
 */
async function authenticate(scope, key, cache, knownHash) {
    if (key === null)
        return { user: null };
    const refuse = () => new graphql_1.GraphQLError(UNAUTHENTICATED_MESSAGE, { extensions: { code: codes_1.ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
    if (!api_key_1.API_KEY_SHAPE.test(key))
        throw refuse();
    const hash = knownHash ?? (0, api_key_1.hashApiKey)(key);
    const known = cache?.get(hash);
    if (known)
        return { user: known };
    // A read-only row: the caller is read by many requests, never written through.
    const [user] = await (0, light_find_1.lightFind)(scope, entities_1.User, { apiKeyHash: hash }, { limit: 1 });
    if (!user || !(0, node_crypto_1.timingSafeEqual)(Buffer.from(user.apiKeyHash, 'utf8'), Buffer.from(hash, 'utf8')))
        throw refuse();
    cache?.set(hash, user);
    return { user };
}
/**
 * The rules of who reaches what, asked by every service on every path.
 * Admins reach everything; users reach their own projects (and through them code
 * generations and analyses), their autosaves and themselves. Anything else
 * answers as if it did not exist (NOT_FOUND / null / left out of lists).
 */
class Access {
    constructor(caller, scope, store) {
        this.caller = caller;
        this.scope = scope;
        this.store = store;
    }
    get isAdmin() {
        return this.caller.system === true || this.caller.user?.role === entities_1.UserRole.ADMIN;
    }
    /** The calling user; UNAUTHENTICATED when the request carries no key. */
    me() {
        if (!this.caller.user) {
            throw new codes_1.DomainError(codes_1.ErrorCode.UNAUTHENTICATED, 'Authentication required: send Authorization: Bearer <API key>');
        }
        return this.caller.user;
    }
    requireAdmin(what) {
        if (this.caller.system)
            return;
        this.me();
        if (!this.isAdmin)
            throw new codes_1.DomainError(codes_1.ErrorCode.FORBIDDEN, `Only an admin may ${what}`);
    }
    /** Filter for users the caller may see. */
    users() {
        const me = this.me();
        return this.isAdmin ? {} : { id: me.id };
    }
    /** Filter for projects, or rows that point to a user, the caller may see. */
    ownedBy(field) {
        const me = this.me();
        return this.isAdmin ? {} : { [field]: me.id };
    }
    /**
     * Filter for rows that belong to a project (code generations, analyses): see
     * Backend.inProjectsOf; read once per request.
     */
    async inOwnedProject() {
        const me = this.me();
        if (this.isAdmin)
            return {};
        this.ownedProjects ??= this.inProjectsOf(me.id);
        return this.ownedProjects;
    }
    /** Filter for rows belonging to `userId`'s projects (the caller must already be allowed to see that user). */
    async inProjectsOf(userId) {
        return this.store.backend.inProjectsOf(this.scope.em, userId);
    }
    /** The user every row this caller writes must belong to; null for an admin, who reaches all. */
    ownerScope() {
        return this.isAdmin ? null : this.me().id;
    }
    /**
     * The id of the user a new row should belong to: the caller, or (admins only)
     * someone else. Whether that user exists is checked by the write itself.
     */
    ownerIdFor(requestedId, label) {
        const me = this.me();
        if (requestedId == null || requestedId.toLowerCase() === me.id)
            return me.id;
        if (!this.isAdmin)
            throw new codes_1.DomainError(codes_1.ErrorCode.NOT_FOUND, `User ${JSON.stringify(requestedId)} was not found`, { entity: 'User', id: requestedId, field: label });
        return requestedId.toLowerCase();
    }
}
exports.Access = Access;
//# sourceMappingURL=access.js.map