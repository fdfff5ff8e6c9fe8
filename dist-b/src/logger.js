"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.createLogger = createLogger;
const pino_1 = __importDefault(require("pino"));
/**
 * `write` receives each line (tests collect them); without it lines go to
 * stderr, synchronously so nothing is lost when the process exits.
 */
function createLogger(level, write, options = {}) {
    const destination = write
        ? { write: (line) => write(line.endsWith('\n') ? line.slice(0, -1) : line) }
        : options.pretty
            ? pino_1.default.transport({ target: 'pino-pretty', options: { destination: 2, colorize: true, ignore: 'pid,hostname' } })
            : pino_1.default.destination({ dest: 2, sync: true });
    const log = (0, pino_1.default)({
        level,
        base: undefined,
        timestamp: pino_1.default.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        serializers: { error: pino_1.default.stdSerializers.err },
    }, destination);
    const at = (l) => (msg, fields) => (fields ? log[l](fields, msg) : log[l](msg));
    return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
//# sourceMappingURL=logger.js.map