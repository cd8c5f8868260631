import { z } from 'zod';
import { ConfigError } from './load-config';
import { intFromEnv } from './schema';

const logLevel = z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']).default('info');

const sandboxSchema = z.object({
  SANDBOX_PORT: intFromEnv(0, 65535).default(8090),
  SANDBOX_HOST: z.string().trim().min(1).default('127.0.0.1'),
  LOG_LEVEL: logLevel,
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
});

const demoSchema = z.object({
  DEMO_SOON_MINUTES: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?(,\d+(\.\d+)?)*$/, 'must be minutes separated by commas, e.g. 3,6,9 (0.5 for 30 s)')
    .default('3,6,9')
    .transform((v) => v.split(',').map(Number).filter((m) => m > 0)),
});

/** `npm run sandbox` (src/sandbox/main.ts): where the fake platforms listen and how they log. */
export interface SandboxConfig {
  port: number;
  host: string;
  logLevel: string;
  logJson: boolean;
}

/** `npm run demo` (src/demo.ts): the minutes from now of the extra demo sessions. */
export interface DemoConfig {
  soonMinutes: number[];
}

function parse<S extends z.ZodType>(schema: S, source: Record<string, string | undefined>): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
  return parsed.data;
}

export function loadSandboxConfig(source: Record<string, string | undefined>): SandboxConfig {
  const e = parse(sandboxSchema, source);
  return { port: e.SANDBOX_PORT, host: e.SANDBOX_HOST, logLevel: e.LOG_LEVEL, logJson: e.NODE_ENV === 'production' };
}

export function loadDemoConfig(source: Record<string, string | undefined>): DemoConfig {
  return { soonMinutes: parse(demoSchema, source).DEMO_SOON_MINUTES };
}
