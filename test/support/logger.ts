import winston from 'winston';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/shared/logger';
import type { Logger } from '../../src/shared/logger';
import { createRedactor } from '../../src/shared/redact';

/** A logger that prints nothing unless LOG_LEVEL is set (debugging a test). */
export function createTestLogger(): Logger {
  const level = process.env.LOG_LEVEL;
  return createLogger({
    level: level ?? 'error',
    json: false,
    redactor: createRedactor(),
    transports: [new winston.transports.Console({ silent: level === undefined })],
  });
}

/** A JSON logger writing into memory through a real winston Stream transport: what a process would print. */
export function createCapturingLogger(level = 'info'): { logger: Logger; records: () => Record<string, unknown>[]; text: () => string } {
  let buffer = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      buffer += chunk.toString('utf8');
      callback();
    },
  });
  const transport: winston.transport = new winston.transports.Stream({ stream });
  const logger = createLogger({ level, json: true, redactor: createRedactor(), transports: [transport] });
  return {
    logger,
    records: () => buffer.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => buffer,
  };
}
