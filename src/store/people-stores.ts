import { createAuthSessionStore } from './auth-session-store';
import type { AuthSessionStore } from './auth-session-store';
import type { Keys } from './keys';
import { createPersonalTokenStore } from './personal-token-store';
import type { PersonalTokenStore } from './personal-token-store';
import type { RedisClient } from './redis';
import { createSignInAttempts } from './sign-in-attempts';
import type { SignInAttempts } from './sign-in-attempts';
import { createUserStore } from './user-store';
import type { UserStore } from './user-store';

/** The stores of src/people: users and invitations, browser sessions, personal tokens, sign-in attempts. */
export interface PeopleStores {
  users: UserStore;
  sessions: AuthSessionStore;
  tokens: PersonalTokenStore;
  attempts: SignInAttempts;
}

export function createPeopleStores(redis: RedisClient, keys: Keys): PeopleStores {
  return { users: createUserStore(redis, keys), sessions: createAuthSessionStore(redis, keys), tokens: createPersonalTokenStore(redis, keys), attempts: createSignInAttempts(redis, keys) };
}
