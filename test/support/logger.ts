import winston from 'winston';
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
