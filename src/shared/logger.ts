import winston from 'winston';
import type { Redactor } from './redact';

export type Logger = winston.Logger;

export interface LoggerOptions {
  level: string;
  json: boolean;
  redactor: Redactor;
  /** Extra transports (tests capture output with a stream transport). */
  transports?: winston.transport[];
}

/**
 * winston logger: JSON in production, readable lines in development. Every record passes the
 * redactor before any transport sees it, so no transport can print a token.
 */
export function createLogger(options: LoggerOptions): Logger {
  // winston runs the logger's format on every record and filters by level only at the transports:
  // drop what no transport will print before redaction and formatting (the worker's hot path).
  const levels = winston.config.npm.levels;
  const verbosest = Math.max(...[options.level, ...(options.transports ?? []).map((t) => t.level ?? options.level)].map((l) => levels[l] ?? levels.silly ?? 6));
  const dropQuiet = winston.format((info) => ((levels[info.level] ?? 0) <= verbosest ? info : false));
  const redactFormat = winston.format((info) => {
    const cleaned = options.redactor.redact({ ...info });
    for (const key of Object.keys(info)) delete (info as Record<string, unknown>)[key];
    Object.assign(info, cleaned);
    return info;
  });
  const format = options.json
    ? winston.format.combine(
        dropQuiet(),
        winston.format.errors({ stack: true }),
        redactFormat(),
        winston.format.timestamp(),
        winston.format.json(),
      )
    : winston.format.combine(
        dropQuiet(),
        winston.format.errors({ stack: true }),
        redactFormat(),
        winston.format.timestamp({ format: 'HH:mm:ss.SSS' }),
        winston.format.printf((info) => {
          const { timestamp, level, message, ...rest } = info;
          const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
          return `${String(timestamp)} ${level} ${String(message)}${extra}`;
        }),
      );
  return winston.createLogger({
    level: options.level,
    format,
    transports: options.transports ?? [createConsoleTransport()],
  });
}

function createConsoleTransport(): winston.transport {
  // winston's typings declare the Console transport as an interface extending TransportStream, so
  // the rule cannot see that it is a real subclass instance.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
  return new winston.transports.Console({ stderrLevels: ['error', 'warn'] });
}
