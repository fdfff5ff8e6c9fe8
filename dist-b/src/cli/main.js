#!/usr/bin/env -S node --max-old-space-size=160
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.main = main;
require("reflect-metadata");
const node_util_1 = require("node:util");
const config_1 = require("../config");
const context_1 = require("./context");
const db_backup_1 = require("./db-backup");
const db_init_1 = require("./db-init");
const db_seed_1 = require("./db-seed");
const db_stats_1 = require("./db-stats");
const db_rollups_1 = require("./db-rollups");
const user_create_1 = require("./user-create");
const db_migrations_1 = require("./db-migrations");
const USAGE = `Usage: codeobit db <command> [options]
       codeobit user create --username NAME --email EMAIL [--admin] [--json]

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
  seed [--size small|large] [--seed N] [--anchor YYYY-MM-DD] [--force] [--json]
                                 deterministic demo data (large: 1k users, 10k projects, 100k generations)
  stats [--days N] [--json]      generations by status, success rate, tokens, languages, health (default 30 days)
  rollups [--rebuild] [--json]   check the analytics rollups against a full recount (exit 1 on drift); --rebuild recounts them

The database comes from DB_DRIVER (sqlite|postgresql|mongodb) and DATABASE_URL.`;
/** The CLI as a function: tests call it directly; bin/codeobit calls it with process arguments. */
async function main(argv, io = context_1.processIO) {
    try {
        const [group, command, ...rest] = argv;
        if (!group || group === '--help' || group === 'help') {
            io.out(USAGE);
            return 0;
        }
        if (group !== 'db' && group !== 'user')
            throw new context_1.CliError(`unknown command "${group}"; see codeobit --help`, 2);
        const { values, positionals } = (0, node_util_1.parseArgs)({
            args: rest,
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
                rebuild: { type: 'boolean', default: false },
            },
        });
        if (group === 'user') {
            if (command !== 'create')
                throw new context_1.CliError(`unknown user command "${command ?? ''}"; see codeobit --help`, 2);
            await (0, user_create_1.userCreateCommand)(io, { username: values.username, email: values.email, admin: values.admin, json: values.json });
            return 0;
        }
        switch (command) {
            case 'init':
                await (0, db_init_1.initCommand)(io, values.force);
                break;
            case 'migrate':
                await (0, db_migrations_1.migrateCommand)(io);
                break;
            case 'rollback':
                await (0, db_migrations_1.rollbackCommand)(io, values.to);
                break;
            case 'status':
                await (0, db_migrations_1.statusCommand)(io, values.json);
                break;
            case 'check':
                await (0, db_migrations_1.checkCommand)(io);
                break;
            case 'backup':
                await (0, db_backup_1.backupCommand)(io, values.output, values.json);
                break;
            case 'restore':
                await (0, db_backup_1.restoreCommand)(io, positionals[0], values.force, values.json);
                break;
            case 'seed':
                await (0, db_seed_1.seedCommand)(io, { size: values.size, seed: values.seed, anchor: values.anchor, force: values.force, json: values.json });
                break;
            case 'stats': {
                const days = Number(values.days ?? 30);
                if (!Number.isInteger(days) || days < 1 || days > 3650)
                    throw new context_1.CliError(`--days ${values.days}: use a whole number from 1 to 3650`, 2);
                await (0, db_stats_1.statsCommand)(io, days, values.json);
                break;
            }
            case 'rollups':
                await (0, db_rollups_1.rollupsCommand)(io, values.rebuild, values.json);
                break;
            default:
                throw new context_1.CliError(`unknown db command "${command ?? ''}"; see codeobit --help`, 2);
        }
        return 0;
    }
    catch (e) {
        const code = e instanceof context_1.CliError ? e.exitCode : e instanceof config_1.ConfigError ? 2 : 1;
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
//# sourceMappingURL=main.js.map