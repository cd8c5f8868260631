import type { CandidateGrant, Connection, ConnectionError } from '../domain/connection';
import type { Clock } from '../shared/clock';
import type { Cipher } from './crypto';
import type { Keys } from './keys';
import type { RedisClient } from './redis';

/** What a `state` stands for: its connection, who started the flow, and when it stops being good. */
export interface ConnectionState {
  connectionId: string;
  principal: string;
  /** Epoch ms (the Clock's), after which the state is refused. */
  expiresAtMs: number;
}

export interface ConnectionStore {
  create(connection: Connection, state: string, binding: ConnectionState): Promise<void>;
  get(id: string): Promise<Connection | null>;
  /** The state's binding without using it up (null when unknown or already used). */
  peekState(state: string): Promise<ConnectionState | null>;
  /** Use the state up; false when another request used it first. */
  consumeState(state: string): Promise<boolean>;
  /** Candidates read: the connection becomes `authorized`; their credentials are sealed. */
  authorize(id: string, grants: CandidateGrant[]): Promise<Connection>;
  fail(id: string, error: ConnectionError): Promise<Connection>;
  /** The sealed candidates with their credentials (empty once the connection is done). */
  grants(id: string): Promise<CandidateGrant[]>;
  /** Take the right to turn candidates into accounts; false when another request holds or used it. */
  claim(id: string): Promise<boolean>;
  release(id: string): Promise<void>;
  /** Accounts made: `done`, and the credentials are forgotten. */
  finish(id: string): Promise<void>;
}

/** Connections are cleaned up a day after they start (the flow itself lives minutes). */
const RECORD_TTL_S = 86_400;
/** Redis drops a state a while after the Clock's expiry would refuse it (the Clock decides). */
const STATE_TTL_S = 3600;

export function createConnectionStore(redis: RedisClient, keys: Keys, cipher: Cipher, clock: Clock): ConnectionStore {
  const read = async (id: string): Promise<Connection | null> => {
    const data = await redis.hget(keys.connection(id), 'data');
    return data ? (JSON.parse(data) as Connection) : null;
  };
  const write = async (connection: Connection, fields: Record<string, string> = {}): Promise<Connection> => {
    const next = { ...connection, updatedAt: clock.nowIso() };
    await redis.hset(keys.connection(next.id), { data: JSON.stringify(next), ...fields });
    return next;
  };
  const mustRead = async (id: string): Promise<Connection> => {
    const found = await read(id);
    if (!found) throw new Error(`connection ${id} vanished`);
    return found;
  };

  return {
    async create(connection, state, binding) {
      await redis
        .multi()
        .hset(keys.connection(connection.id), { data: JSON.stringify(connection) })
        .expire(keys.connection(connection.id), RECORD_TTL_S)
        .set(keys.connectionState(state), JSON.stringify(binding), 'EX', STATE_TTL_S)
        .exec();
    },
    get: read,
    async peekState(state) {
      const raw = await redis.get(keys.connectionState(state));
      return raw ? (JSON.parse(raw) as ConnectionState) : null;
    },
    async consumeState(state) {
      return (await redis.del(keys.connectionState(state))) === 1;
    },
    async authorize(id, grants) {
      const current = await mustRead(id);
      const next = { ...current, status: 'authorized' as const, error: null, candidates: grants.map((g) => g.candidate) };
      return write(next, { grants: cipher.encrypt(JSON.stringify(grants)) });
    },
    async fail(id, error) {
      return write({ ...(await mustRead(id)), status: 'failed', error });
    },
    async grants(id) {
      const sealed = await redis.hget(keys.connection(id), 'grants');
      return sealed ? (JSON.parse(cipher.decrypt(sealed)) as CandidateGrant[]) : [];
    },
    async claim(id) {
      return (await redis.hsetnx(keys.connection(id), 'claimed', '1')) === 1;
    },
    async release(id) {
      await redis.hdel(keys.connection(id), 'claimed');
    },
    async finish(id) {
      await write({ ...(await mustRead(id)), status: 'done' });
      await redis.hdel(keys.connection(id), 'grants');
    },
  };
}
