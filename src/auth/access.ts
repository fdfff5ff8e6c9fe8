import { timingSafeEqual } from 'node:crypto';
import type { ReadScope } from '../db/read-scope';
import { GraphQLError } from 'graphql';
import { User, UserRole } from '../entities';
import { DomainError, ErrorCode } from '../errors/codes';
import type { Store } from '../db/store';
import { API_KEY_SHAPE, hashApiKey } from './api-key';
import type { KeyCache } from './key-cache';
import { lightFind } from '../db/light-find';

/** Who is calling: a user (with their role), or nobody. */
export interface Caller {
  user: User | null;
  /** The operator at the command line (`codeobit user create`): acts as an admin with no account. */
  system?: boolean;
}

const UNAUTHENTICATED_MESSAGE = 'Invalid or revoked API key';

/** The API key from `Authorization: Bearer <key>` or `x-api-key`, if the request carries one. */
export function presentedKey(headers: { get(name: string): string | undefined }): string | null {
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
export async function authenticate(scope: ReadScope, key: string | null, cache?: KeyCache, knownHash?: string): Promise<Caller> {
  if (key === null) return { user: null };
  const refuse = () => new GraphQLError(UNAUTHENTICATED_MESSAGE, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
  if (!API_KEY_SHAPE.test(key)) throw refuse();
  const hash = knownHash ?? hashApiKey(key);
  const known = cache?.get(hash);
  if (known) return { user: known };
  // A read-only row: the caller is read by many requests, never written through.
  const [user] = await lightFind(scope, User, { apiKeyHash: hash }, { limit: 1 });
  if (!user || !timingSafeEqual(Buffer.from(user.apiKeyHash, 'utf8'), Buffer.from(hash, 'utf8'))) throw refuse();
  cache?.set(hash, user);
  return { user };
}

/** Does this caller reach everything (an admin, or the operator at the command line)? */
export function isAdminCaller(caller: Caller): boolean {
  return caller.system === true || caller.user?.role === UserRole.ADMIN;
}

/**
 * The rules of who reaches what, asked by every service on every path.
 * Admins reach everything; users reach their own projects (and through them code
 * generations and analyses), their autosaves and themselves. Anything else
 * answers as if it did not exist (NOT_FOUND / null / left out of lists).
 */
export class Access {
  private ownedProjects?: Promise<Record<string, unknown>>;

  constructor(
    readonly caller: Caller,
    private readonly scope: ReadScope,
    private readonly store: Store,
  ) {}

  get isAdmin(): boolean {
    return isAdminCaller(this.caller);
  }

  /** The calling user; UNAUTHENTICATED when the request carries no key. */
  me(): User {
    if (!this.caller.user) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Authentication required: send Authorization: Bearer <API key>');
    }
    return this.caller.user;
  }

  requireAdmin(what: string): void {
    if (this.caller.system) return;
    this.me();
    if (!this.isAdmin) throw new DomainError(ErrorCode.FORBIDDEN, `Only an admin may ${what}`);
  }

  /** Queue work (claim, heartbeat, complete, fail) is for WORKER keys and admins. */
  requireWorker(what: string): void {
    if (this.caller.system) return;
    const me = this.me();
    if (!this.isAdmin && me.role !== UserRole.WORKER) throw new DomainError(ErrorCode.FORBIDDEN, `Only a worker or an admin may ${what}`);
  }

  /** Filter for users the caller may see. */
  users(): Record<string, unknown> {
    const me = this.me();
    return this.isAdmin ? {} : { id: me.id };
  }

  /** Filter for projects, or rows that point to a user, the caller may see. */
  ownedBy(field: 'owner' | 'user'): Record<string, unknown> {
    const me = this.me();
    return this.isAdmin ? {} : { [field]: me.id };
  }

  /**
   * Filter for rows that belong to a project (code generations, analyses): see
   * Backend.inProjectsOf; read once per request.
   */
  async inOwnedProject(): Promise<Record<string, unknown>> {
    const me = this.me();
    if (this.isAdmin) return {};
    this.ownedProjects ??= this.inProjectsOf(me.id);
    return this.ownedProjects;
  }

  /** Filter for rows belonging to `userId`'s projects (the caller must already be allowed to see that user). */
  async inProjectsOf(userId: string): Promise<Record<string, unknown>> {
    return this.store.backend.inProjectsOf(this.scope.em, userId);
  }

  /** The user every row this caller writes must belong to; null for an admin, who reaches all. */
  ownerScope(): string | null {
    return this.isAdmin ? null : this.me().id;
  }

  /**
   * The id of the user a new row should belong to: the caller, or (admins only)
   * someone else. Whether that user exists is checked by the write itself.
   */
  ownerIdFor(requestedId: string | null | undefined, label: string): string {
    const me = this.me();
    if (requestedId == null || requestedId.toLowerCase() === me.id) return me.id;
    if (!this.isAdmin) throw new DomainError(ErrorCode.NOT_FOUND, `User ${JSON.stringify(requestedId)} was not found`, { entity: 'User', id: requestedId, field: label });
    return requestedId.toLowerCase();
  }
}
