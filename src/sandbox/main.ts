import { createSystemClock } from '../shared/clock';
import { createLogger } from '../shared/logger';
import { createRedactor } from '../shared/redact';
import { startSandbox } from './server';

/**
 * `npm run sandbox`: the fake platforms alone, for an API and workers that run as separate
 * processes (give them SANDBOX_URL). Port from SANDBOX_PORT, default 8090.
 */
async function main(): Promise<void> {
  const raw = process.env.SANDBOX_PORT ?? '8090';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`SANDBOX_PORT must be a port number (got "${raw}")\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'info', json: process.env.NODE_ENV === 'production', redactor: createRedactor() });
  const sandbox = await startSandbox({ port, host: process.env.SANDBOX_HOST ?? '127.0.0.1', clock: createSystemClock(), logger });
  logger.info('sandbox platforms listening', { component: 'sandbox', baseUrl: sandbox.baseUrl });
  process.stdout.write(`LiveCue sandbox platforms: ${sandbox.baseUrl}  (SANDBOX_URL=${sandbox.baseUrl})\n`);
  const stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
