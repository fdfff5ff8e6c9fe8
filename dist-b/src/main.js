"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const app_1 = require("./app");
const config_1 = require("./config");
const logger_1 = require("./logger");
/** HTTP entry point: read the configuration, start the server, stop gracefully on SIGTERM/SIGINT. */
async function main() {
    let config;
    try {
        config = (0, config_1.loadConfig)();
    }
    catch (e) {
        if (e instanceof config_1.ConfigError) {
            process.stderr.write(`codeobit-gateway: invalid configuration: ${e.message}\n`);
            process.exit(2);
        }
        throw e;
    }
    // Pretty lines for a developer at a terminal; JSON lines everywhere else.
    const logger = (0, logger_1.createLogger)(config.logLevel, undefined, { pretty: !config.production && process.stderr.isTTY });
    let app;
    try {
        app = await (0, app_1.createApp)(config, logger);
    }
    catch (e) {
        const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
        process.stderr.write(`codeobit-gateway: cannot start on ${config.driver} (${(0, config_1.maskUrl)(config.databaseUrl)}): ${reason}\n`);
        process.exit(1);
    }
    const url = await app.listen();
    logger.info('server ready', { url, driver: config.driver });
    const shutdown = (signal) => {
        logger.info('shutting down', { signal });
        const force = setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 5000);
        force.unref();
        app.stop().then(() => process.exit(0), (error) => {
            logger.error('shutdown failed', { error });
            process.exit(1);
        });
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
}
void main();
//# sourceMappingURL=main.js.map