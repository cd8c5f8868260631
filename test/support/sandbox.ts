import { createSystemClock } from '../../src/shared/clock';
import type { Clock } from '../../src/shared/clock';
import { startSandbox } from '../../src/sandbox/server';
import type { Sandbox } from '../../src/sandbox/server';
import type { SandboxOptions } from '../../src/sandbox/context';
import { createTestLogger } from './logger';

export async function startTestSandbox(options: Partial<SandboxOptions> = {}, clock: Clock = createSystemClock()): Promise<Sandbox> {
  return startSandbox({ port: 0, clock, logger: createTestLogger(), options });
}
