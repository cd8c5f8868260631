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
  const redactFormat = winston.format((info) => {
    const cleaned = options.redactor.redact({ ...info });
    for (const key of Object.keys(info)) delete (info as Record<string, unknown>)[key];
    Object.assign(info, cleaned);
    return info;
  });
  const format = options.json
    ? winston.format.combine(
        winston.format.errors({ stack: true }),
        redactFormat(),
        winston.format.timestamp(),
        winston.format.json(),
      )
    : winston.format.combine(
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
