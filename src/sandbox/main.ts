import { loadSandboxConfig } from '../../config/entry-config';
import { createSystemClock } from '../shared/clock';
import { createLogger } from '../shared/logger';
import { createRedactor } from '../shared/redact';
import { startSandbox } from './server';

/**
 * `npm run sandbox`: the fake platforms alone, for an API and workers that run as separate
 * processes (give them SANDBOX_URL). Port from SANDBOX_PORT, default 8090.
 */
async function main(env: Record<string, string | undefined>): Promise<void> {
  const config = loadSandboxConfig(env);
  const logger = createLogger({ level: config.logLevel, json: config.logJson, redactor: createRedactor() });
  const sandbox = await startSandbox({ port: config.port, host: config.host, clock: createSystemClock(), logger });
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

main(process.env).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
