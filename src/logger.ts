/** Structured one-line JSON logs on stderr; errors keep their stack (server-side only). */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export interface Logger {
  error(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
}

function serialise(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v;
  }
  return out;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const log =
    (at: LogLevel) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (RANK[at] > RANK[level]) return;
      write(JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...serialise(fields) }));
    };
  return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') };
}
