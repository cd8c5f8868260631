import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for credentials at rest. The first key encrypts; any listed key decrypts (key
 * rotation: put the new key first, keep the old one after it until everything is re-encrypted).
 * Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts; keyId = 8 hex of sha256(key)).
 */
export interface Cipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** True when `sealed` was made with a key other than the current one. */
  needsRotation(sealed: string): boolean;
}

export function createCipher(keys: Buffer[]): Cipher {
  const first = keys[0];
  if (!first) throw new Error('at least one encryption key is needed');
  const idOf = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 8);
  const byId = new Map(keys.map((k) => [idOf(k), k]));
  const currentId = idOf(first);
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', first, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
    },
    decrypt(sealed) {
      const [version, keyId, iv, tag, ct] = sealed.split('.');
      if (version !== 'v1' || !keyId || !iv || !tag || ct === undefined) throw new Error('credentials are not in the v1 sealed format');
      const key = byId.get(keyId);
      if (!key) throw new Error(`credentials were sealed with key ${keyId}, which is not in LIVECUE_ENCRYPTION_KEY`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    },
    needsRotation(sealed) {
      return sealed.split('.')[1] !== currentId;
    },
  };
}

/** The sealed format exactly: `v1.<8 hex>.<12-byte iv>.<16-byte tag>.<ciphertext>`, base64url parts. */
const SEALED = /^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/;

/** Whether a stored value is sealed (webhook secrets and feed keys written before sealing are plain). */
export function isSealed(value: string): boolean {
  return SEALED.test(value);
}

/** `value` sealed, unless it is sealed already (a stored value written back, e.g. by an update). */
export function sealOnce(cipher: Cipher, value: string): string {
  return isSealed(value) ? value : cipher.encrypt(value);
}

/**
 * The plain value of a stored secret: a sealed one is opened (throws when its key is not in
 * LIVECUE_ENCRYPTION_KEY), one stored before secrets were sealed is read as it is — no migration.
 */
export function unsealStored(cipher: Cipher, value: string): string {
  return isSealed(value) ? cipher.decrypt(value) : value;
}
