import { Store } from '../db/store';
import { createContext } from '../context';
import { UserRole } from '../entities';
import { CreateUserInput } from '../modules/user/user.inputs';
import { validateOrReject, type ValidationError } from 'class-validator';
import { CliError, type CliIO, withDatabase } from './context';

/**
 * codeobit user create --username U --email E [--admin | --worker] [--json]
 * How the first admin comes to be: prints the API key once (only its hash is stored).
 */
export async function userCreateCommand(io: CliIO, opts: { username?: string; email?: string; admin: boolean; worker?: boolean; json: boolean }): Promise<void> {
  if (!opts.username || !opts.email) throw new CliError('user create needs --username and --email', 2);
  if (opts.admin && opts.worker) throw new CliError('user create takes --admin or --worker, not both', 2);
  const input = Object.assign(new CreateUserInput(), {
    username: opts.username,
    email: opts.email,
    role: opts.admin ? UserRole.ADMIN : opts.worker ? UserRole.WORKER : UserRole.USER,
  });
  await validateOrReject(input).catch((errors: ValidationError[]) => {
    throw new CliError(`invalid user: ${errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; ')}`, 2);
  });
  await withDatabase(io, async ({ orm, config }) => {
    const store = await Store.open(orm, config.driver);
    const ctx = createContext(store, { user: null, system: true });
    const { user, apiKey } = await ctx.users.create(input).catch((e: Error) => {
      throw new CliError(`cannot create user: ${e.message}`);
    });
    if (opts.json) return io.out(JSON.stringify({ id: user.id, username: user.username, role: user.role, apiKey }));
    io.out(`created ${user.role} ${user.username} (${user.id})`);
    io.out(`API key (shown once, store it now): ${apiKey}`);
  });
}
