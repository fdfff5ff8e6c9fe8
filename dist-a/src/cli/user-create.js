"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.userCreateCommand = userCreateCommand;
const store_1 = require("../db/store");
const context_1 = require("../context");
const entities_1 = require("../entities");
const user_inputs_1 = require("../modules/user/user.inputs");
const class_validator_1 = require("class-validator");
const context_2 = require("./context");
/**
 * codeobit user create --username U --email E [--admin] [--json]
 * How the first admin comes to be: prints the API key once (only its hash is stored).
 */
async function userCreateCommand(io, opts) {
    if (!opts.username || !opts.email)
        throw new context_2.CliError('user create needs --username and --email', 2);
    const input = Object.assign(new user_inputs_1.CreateUserInput(), {
        username: opts.username,
        email: opts.email,
        role: opts.admin ? entities_1.UserRole.ADMIN : entities_1.UserRole.USER,
    });
    await (0, class_validator_1.validateOrReject)(input).catch((errors) => {
        throw new context_2.CliError(`invalid user: ${errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; ')}`, 2);
    });
    await (0, context_2.withDatabase)(io, async ({ orm, config }) => {
        const store = await store_1.Store.open(orm, config.driver);
        const ctx = (0, context_1.createContext)(store, { user: null, system: true });
        const { user, apiKey } = await ctx.users.create(input).catch((e) => {
            throw new context_2.CliError(`cannot create user: ${e.message}`);
        });
        if (opts.json)
            return io.out(JSON.stringify({ id: user.id, username: user.username, role: user.role, apiKey }));
        io.out(`created ${user.role} ${user.username} (${user.id})`);
        io.out(`API key (shown once, store it now): ${apiKey}`);
    });
}
//# sourceMappingURL=user-create.js.map