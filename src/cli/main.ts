#!/usr/bin/env -S node --max-old-space-size=160
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config';
import { CliError, type CliIO, processIO } from './context';
import { backupCommand, restoreCommand } from './db-backup';
import { initCommand } from './db-init';
import { seedCommand } from './db-seed';
import { statsCommand } from './db-stats';
import { rollupsCommand } from './db-rollups';
import { userCreateCommand } from './user-create';
import { workerCommand } from './worker-command';
import { queueStatusCommand } from './queue-status';
import { checkCommand, migrateCommand, rollbackCommand, statusCommand } from './db-migrations';

const USAGE = `Usage: codeobit db <command> [options]
       codeobit user create --username NAME --email EMAIL [--admin | --worker] [--json]
       codeobit worker --handler FILE [--concurrency N] [--lease S] [--languages a,b] [--worker-id ID] [--grace S]
       codeobit queue status [--json]

Commands:
  init [--force]                 create the schema; --force drops an existing one first
  migrate                        apply pending migrations
  rollback [--to NAME|0]         undo the last migration, or back to NAME (0 = all)
  status [--json]                driver, target, migrations, rows per entity, size
  check                          exit 1 when the schema differs from the entities
  backup [--output FILE] [--json]
                                 stream every entity to a versioned NDJSON file with checksums
  restore FILE [--force] [--json]
                                 load a backup from any backend, all or nothing; --force replaces data
  seed [--size small|medium|large|huge] [--seed N] [--anchor YYYY-MM-DD] [--force] [--json]
                                 deterministic demo data (large: 1k users, 10k projects, 100k generations)
  stats [--days N] [--json]      generations by status, success rate, tokens, languages, health (default 30 days)
  rollups [--rebuild] [--json]   check the analytics rollups against a full recount (exit 1 on drift); --rebuild recounts them

The database comes from DB_DRIVER (sqlite|postgresql|mongodb) and DATABASE_URL.
The worker talks to the gateway at CODEOBIT_URL (default http://localhost:4000/graphql)
with the WORKER key in CODEOBIT_API_KEY; see README "Work queue".`;

/** The CLI as a function: tests call it directly; bin/codeobit calls it with process arguments. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  try {
    const [group, command, ...rest] = argv;
    if (!group || group === '--help' || group === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (group !== 'db' && group !== 'user' && group !== 'worker' && group !== 'queue') throw new CliError(`unknown command "${group}"; see codeobit --help`, 2);
    const { values, positionals } = parseArgs({
      // `codeobit worker --x` has no sub-command: its options start right after it.
      args: group === 'worker' && command !== undefined ? [command, ...rest] : rest,
      allowPositionals: true,
      options: {
        force: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        to: { type: 'string' },
        output: { type: 'string', short: 'o' },
        size: { type: 'string' },
        seed: { type: 'string' },
        anchor: { type: 'string' },
        days: { type: 'string' },
        username: { type: 'string' },
        email: { type: 'string' },
        admin: { type: 'boolean', default: false },
        worker: { type: 'boolean', default: false },
        handler: { type: 'string' },
        concurrency: { type: 'string' },
        lease: { type: 'string' },
        languages: { type: 'string' },
        'worker-id': { type: 'string' },
        grace: { type: 'string' },
        progress: { type: 'string' },
        rebuild: { type: 'boolean', default: false },
      },
    });
    if (group === 'user') {
      if (command !== 'create') throw new CliError(`unknown user command "${command ?? ''}"; see codeobit --help`, 2);
      await userCreateCommand(io, { username: values.username, email: values.email, admin: values.admin!, worker: values.worker, json: values.json! });
      return 0;
    }
    if (group === 'worker') {
      await workerCommand(io, {
        handler: values.handler,
        concurrency: values.concurrency,
        lease: values.lease,
        languages: values.languages,
        workerId: values['worker-id'],
        grace: values.grace,
        progress: values.progress,
      });
      return 0;
    }
    if (group === 'queue') {
      if (command !== 'status') throw new CliError(`unknown queue command "${command ?? ''}"; see codeobit --help`, 2);
      await queueStatusCommand(io, values.json!);
      return 0;
    }
    switch (command) {
      case 'init':
        await initCommand(io, values.force!);
        break;
      case 'migrate':
        await migrateCommand(io);
        break;
      case 'rollback':
        await rollbackCommand(io, values.to);
        break;
      case 'status':
        await statusCommand(io, values.json!);
        break;
      case 'check':
        await checkCommand(io);
        break;
      case 'backup':
        await backupCommand(io, values.output, values.json!);
        break;
      case 'restore':
        await restoreCommand(io, positionals[0], values.force!, values.json!);
        break;
      case 'seed':
        await seedCommand(io, { size: values.size, seed: values.seed, anchor: values.anchor, force: values.force!, json: values.json! });
        break;
      case 'stats': {
        const days = Number(values.days ?? 30);
        if (!Number.isInteger(days) || days < 1 || days > 3650) throw new CliError(`--days ${values.days}: use a whole number from 1 to 3650`, 2);
        await statsCommand(io, days, values.json!);
        break;
      }
      case 'rollups':
        await rollupsCommand(io, values.rebuild!, values.json!);
        break;
      default:
        throw new CliError(`unknown db command "${command ?? ''}"; see codeobit --help`, 2);
    }
    return 0;
  } catch (e) {
    const code = e instanceof CliError ? e.exitCode : e instanceof ConfigError ? 2 : 1;
    // One line, and never a wall of SQL or data: driver messages can quote whole statements.
    // SQL drivers may report "<the whole statement> - <reason>": keep the reason.
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0].replace(/(insert|select|update|delete|create|drop|alter) .* - (?=[^-]+$)/is, '');
    const reason = first.length > 300 ? `${first.slice(0, 300)}…` : first;
    io.err(`codeobit: ${reason}`);
    return code;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
