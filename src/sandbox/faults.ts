import { z } from 'zod';
import { PLATFORMS } from '../domain/platform';

/**
 * What answers at the sandbox's port: the three platforms and Zalo; and `mail`, the SMTP sink
 * (its faults take method `DATA`: `delayMs` keeps the message and holds back the `250` answer,
 * `status` 4xx/5xx refuses it with that SMTP code).
 */
export const SANDBOX_SERVICES = [...PLATFORMS, 'zalo', 'mail'] as const;
export type SandboxService = (typeof SANDBOX_SERVICES)[number];

/** `POST /__sandbox/faults` body (api.md "Sandbox platforms"). */
export const faultSchema = z.strictObject({
  platform: z.enum(SANDBOX_SERVICES),
  method: z.string().toUpperCase().optional(),
  match: z.string().optional(),
  status: z.number().int().min(100).max(599).optional(),
  body: z.unknown().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  times: z.number().int().min(1).max(1_000_000).default(1),
});
export type Fault = z.infer<typeof faultSchema>;

/** Faults armed for the next matching calls, in the order they were added. */
export class FaultTable {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push(fault);
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Take one use of the first fault matching this call, if any. */
  take(platform: string, method: string, path: string): Fault | null {
    const index = this.faults.findIndex(
      (f) =>
        f.platform === platform &&
        (f.method === undefined || f.method === method.toUpperCase()) &&
        (f.match === undefined || path.startsWith(f.match)),
    );
    if (index < 0) return null;
    const fault = this.faults[index];
    if (!fault) return null;
    fault.times -= 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }
}
