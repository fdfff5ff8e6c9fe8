import pino, { type DestinationStream } from 'pino';

/** Structured logs through pino: one JSON line per event on stderr; errors keep their stack (server-side only). */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface Logger {
  error(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  /** Human-readable lines (pino-pretty), for development on a terminal. */
  pretty?: boolean;
}

/**
 * `write` receives each line (tests collect them); without it lines go to
 * stderr, synchronously so nothing is lost when the process exits.
 */
export function createLogger(level: LogLevel, write?: (line: string) => void, options: LoggerOptions = {}): Logger {
  const destination: DestinationStream = write
    ? { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) }
    : options.pretty
      ? pino.transport({ target: 'pino-pretty', options: { destination: 2, colorize: true, ignore: 'pid,hostname' } })
      : pino.destination({ dest: 2, sync: true });
  const log = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { error: pino.stdSerializers.err },
    },
    destination,
  );
  const at = (l: LogLevel) => (msg: string, fields?: Record<string, unknown>) => (fields ? log[l](fields, msg) : log[l](msg));
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
