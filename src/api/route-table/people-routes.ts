import type { ApiRoute, Call } from '../routes';
import type { HandlerResult } from '../handler-result';
import { deleteToken, getMe, listTokens, postToken } from '../handlers/me';
import { listUsers, patchUser, postInvitation, postUser, readUser } from '../handlers/people';
import { postAcceptInvitation, postSignIn, postSignOut } from '../handlers/sign-in';
import { peopleSpecs } from '../openapi/people-paths';

/** The handler of each operation of api.md "People and sign-in"; `person`: people only (no machine token). */
const HANDLERS: Record<string, { handle: (c: Call) => Promise<HandlerResult>; own?: true; person?: true }> = {
  createUser: { handle: ({ deps, req, res }) => postUser(deps, req, res) },
  listUsers: { handle: ({ deps }) => listUsers(deps) },
  getUser: { handle: ({ deps, id }) => readUser(deps, id) },
  updateUser: { handle: ({ deps, id, req, res }) => patchUser(deps, id, req, res) },
  reissueInvitation: { handle: ({ deps, id, req, res }) => postInvitation(deps, id, req, res) },
  // Sign-in and the invitation take credentials in the body; sign-out ends whatever session it is sent with.
  acceptInvitation: { handle: ({ deps, req, res }) => postAcceptInvitation(deps, req, res), own: true },
  signIn: { handle: ({ deps, req, res }) => postSignIn(deps, req, res), own: true },
  signOut: { handle: ({ deps, req, res }) => postSignOut(deps, req, res), own: true },
  getMe: { handle: ({ res }) => getMe(res) },
  createPersonalToken: { handle: ({ deps, req, res }) => postToken(deps, req, res), person: true },
  listPersonalTokens: { handle: ({ deps, res }) => listTokens(deps, res), person: true },
  revokePersonalToken: { handle: ({ deps, id, res }) => deleteToken(deps, id, res), person: true },
};

/** api.md "People and sign-in": the docs in src/api/openapi/people-paths.ts, the handlers above. */
export const peopleRoutes: ApiRoute[] = peopleSpecs().map((s) => {
  const h = HANDLERS[s.doc.operationId];
  if (!h) throw new Error(`people route ${s.doc.operationId} has no handler`);
  const own = h.own === true || h.person === true;
  return { method: s.method, path: s.path, role: own ? 'own' : s.role, ...(h.person ? { person: true as const } : {}), handle: h.handle, doc: s.doc };
});
