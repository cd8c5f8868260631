import type { Role } from '../../../config/schema';
import type { ApiRoute, RouteDoc } from '../routes';
import { z } from 'zod';
import { ROLES } from '../../../config/schema';
import { acceptInvitationBody, createTokenBody, createUserBody, signInBody, updateUserBody } from '../schemas/people-schema';
import { idParam } from './define-route';
import { utcInstant } from './responses';

/** A route of api.md "People and sign-in" as the table needs it (src/api/route-table/people-routes.ts adds the handler). */
export interface PeopleSpec {
  method: ApiRoute['method'];
  path: string;
  role: Role | null;
  doc: RouteDoc;
}

function spec(s: RouteDoc & { method: ApiRoute['method']; path: string; role: Role | null }): PeopleSpec {
  const { method, path, role, ...doc } = s;
  return { method, path, role, doc };
}

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const UserSchema = z
  .object({
    id: z.string().meta({ example: 'usr_k3j9x0a1b2c3' }),
    email: z.string().meta({ example: 'lan.nguyen@cho-con.vn' }),
    name: z.string(),
    role: z.enum(ROLES),
    status: z.enum(['invited', 'active', 'disabled']),
    createdAt: utcInstant,
    lastSignInAt: utcInstant.nullable(),
  })
  .meta({ id: 'User' });
const InvitationSchema = z
  .object({ url: z.string().meta({ description: '`<LIVECUE_PUBLIC_URL>/console/invite#<token>`: one use, 72 h', example: 'https://livecue.example.vn/console/invite#Zm9v…' }), expiresAt: utcInstant })
  .meta({ id: 'Invitation' });
const SignedInSchema = z
  .object({ user: UserSchema, csrfToken: z.string().meta({ description: 'Send as X-CSRF-Token on every POST, PUT, PATCH, DELETE made with the session cookie' }) })
  .meta({ id: 'SignedIn' });
const MeSchema = z
  .object({ user: UserSchema.nullable(), principal: z.string().meta({ example: 'user:lan.nguyen@cho-con.vn' }), role: z.enum(ROLES), csrfToken: z.string().optional().meta({ description: 'With the session cookie only' }) })
  .meta({ id: 'Me' });
const TokenRowSchema = z
  .object({ id: z.string().meta({ example: 'tok_k3j9x0a1b2c3' }), name: z.string(), role: z.enum(ROLES), expiresAt: utcInstant.nullable(), lastUsedAt: utcInstant.nullable(), createdAt: utcInstant })
  .meta({ id: 'PersonalToken' });
const NewTokenSchema = z
  .object({ id: z.string(), name: z.string(), role: z.enum(ROLES), expiresAt: utcInstant.nullable(), token: z.string().meta({ description: 'The secret, `lc_…`: shown this once', example: 'lc_…' }) })
  .meta({ id: 'NewPersonalToken' });

const cookieNote = 'Sets `livecue_session` (HttpOnly, SameSite=Lax, Path=/, Secure unless LIVECUE_PUBLIC_URL is http); the session ends after 12 h idle or 7 days.';
const setCookie = { 'Set-Cookie': { description: 'The session cookie', schema: { type: 'string' as const } } };

function userRoutes(): PeopleSpec[] {
  const tag = 'People';
  const userId = idParam('user', 'usr_k3j9x0a1b2c3');
  return [
    spec({ method: 'post', path: '/v1/users', operationId: 'createUser', tag, role: 'admin', summary: 'Invite a person', body: { schema: createUserBody }, answers: { 201: { description: 'The invited user and their one-time link', content: json(z.object({ user: UserSchema, invitation: InvitationSchema })) } }, errors: ['conflict', 'csrf_failed', 'unavailable'] }),
    spec({ method: 'get', path: '/v1/users', operationId: 'listUsers', tag, role: 'admin', summary: 'List people', answers: { 200: { description: 'Every user', content: json(z.object({ items: z.array(UserSchema) })) } }, errors: ['unavailable'] }),
    spec({ method: 'get', path: '/v1/users/:id', operationId: 'getUser', tag, role: 'admin', summary: 'Read a person', params: userId, answers: { 200: { description: 'The user', content: json(UserSchema) } }, errors: ['not_found', 'unavailable'] }),
    spec({ method: 'patch', path: '/v1/users/:id', operationId: 'updateUser', tag, role: 'admin', summary: 'Rename, change the role, disable or re-enable', description: 'A disabled user\'s sessions and tokens answer 401 from the next request. The last active admin cannot be demoted or disabled (422 `invalid_state`).', params: userId, body: { schema: updateUserBody }, answers: { 200: { description: 'The user', content: json(UserSchema) } }, errors: ['not_found', 'invalid_state', 'csrf_failed', 'unavailable'] }),
    spec({ method: 'post', path: '/v1/users/:id/invitation', operationId: 'reissueInvitation', tag, role: 'admin', summary: 'A new one-time link (password reset)', description: 'Earlier links, the password and the user\'s sessions stop working.', params: userId, answers: { 201: { description: 'The new link', content: json(InvitationSchema) } }, errors: ['not_found', 'invalid_state', 'csrf_failed', 'unavailable'] }),
  ];
}

function signInRoutes(): PeopleSpec[] {
  const tag = 'Sign-in';
  return [
    spec({ method: 'post', path: '/v1/auth/invitation', operationId: 'acceptInvitation', tag, role: null, summary: 'Set a password from an invitation link and sign in', description: `${cookieNote} Used, expired or unknown token: 400 \`invalid_token\`; a weak password: 400 \`validation_failed\`.`, body: { schema: acceptInvitationBody }, answers: { 200: { description: 'Signed in', headers: setCookie, content: json(SignedInSchema) } }, errors: ['invalid_token', 'unavailable', 'internal'] }),
    spec({ method: 'post', path: '/v1/auth/sign-in', operationId: 'signIn', tag, role: null, summary: 'Sign in with email and password', description: `${cookieNote} A wrong email or password is 401 (the same answer for both); repeated failures for an email or an address are 429 with Retry-After.`, body: { schema: signInBody }, answers: { 200: { description: 'Signed in', headers: setCookie, content: json(SignedInSchema) } }, errors: ['unauthorized', 'rate_limited', 'unavailable', 'internal'] }),
    spec({ method: 'post', path: '/v1/auth/sign-out', operationId: 'signOut', tag, role: null, summary: 'End the browser session', description: 'Clears the cookie and ends its server-side session (with the cookie: X-CSRF-Token required).', answers: { 204: { description: 'Signed out', headers: setCookie } }, errors: ['csrf_failed', 'unavailable', 'internal'] }),
  ];
}

function meRoutes(): PeopleSpec[] {
  const tag = 'Sign-in';
  return [
    spec({ method: 'get', path: '/v1/me', operationId: 'getMe', tag, role: 'viewer', summary: 'Who this request is', answers: { 200: { description: 'The caller', content: json(MeSchema) } }, errors: ['unavailable'] }),
    spec({ method: 'post', path: '/v1/me/tokens', operationId: 'createPersonalToken', tag, role: 'viewer', summary: 'Make a personal API token', description: 'For a signed-in person (a machine token is 403). The role is at most the person\'s own (default: it).', body: { schema: createTokenBody }, answers: { 201: { description: 'The token, with its secret shown this once', content: json(NewTokenSchema) } }, errors: ['csrf_failed', 'unavailable'] }),
    spec({ method: 'get', path: '/v1/me/tokens', operationId: 'listPersonalTokens', tag, role: 'viewer', summary: 'List my personal tokens (never the secret)', answers: { 200: { description: 'The tokens', content: json(z.object({ items: z.array(TokenRowSchema) })) } }, errors: ['unavailable'] }),
    spec({ method: 'delete', path: '/v1/me/tokens/:id', operationId: 'revokePersonalToken', tag, role: 'viewer', summary: 'Revoke a personal token', description: 'It stops working at once.', params: idParam('personal token', 'tok_k3j9x0a1b2c3'), answers: { 204: { description: 'Revoked' } }, errors: ['not_found', 'csrf_failed', 'unavailable'] }),
  ];
}

/** api.md "People and sign-in". */
export function peopleSpecs(): PeopleSpec[] {
  return [...userRoutes(), ...signInRoutes(), ...meRoutes()];
}
