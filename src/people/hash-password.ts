import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane): @node-rs/argon2's defaults.
 * https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id
 * (Algorithm 2 = argon2id in @node-rs/argon2's const enum; its default.)
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummy: Promise<string> | null = null;

/**
 * True when `password` matches `phc`. With no hash (unknown email, or no password set yet) a
 * dummy hash is verified anyway, so the answer takes as long whether or not the email exists.
 */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  if (!phc) {
    dummy ??= hashPassword('livecue-dummy-password-for-equal-timing');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(phc, password).catch(() => false);
}
