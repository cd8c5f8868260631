import { z } from 'zod';
import { ROLES } from '../../../config/schema';
import { line } from './common';

const email = z.string().trim().max(254, 'must be at most 254 characters').pipe(z.email('must be an email address like lan@example.vn'));
const role = z.enum(ROLES, `must be one of ${ROLES.join(', ')}`);
/** Any characters but no control ones; not trimmed (a password is taken as typed). */
const password = z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters');
const secretToken = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** `POST /v1/users` */
export const createUserBody = z.strictObject({ email, name: line(120), role });

/** `PATCH /v1/users/:id`: at least one field. */
export const updateUserBody = z
  .strictObject({ name: line(120).optional(), role: role.optional(), status: z.enum(['active', 'disabled'], 'must be active or disabled').optional() })
  .refine((b) => b.name !== undefined || b.role !== undefined || b.status !== undefined, 'send at least one of name, role, status');

/** `POST /v1/auth/sign-in` */
export const signInBody = z.strictObject({ email: z.string().trim().min(1, 'must not be empty').max(254, 'must be at most 254 characters'), password });

/** `POST /v1/auth/invitation` */
export const acceptInvitationBody = z.strictObject({ token: secretToken, password });

/** `POST /v1/me/tokens` */
export const createTokenBody = z.strictObject({
  name: line(80),
  role: role.optional(),
  expiresAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant like 2026-12-31T00:00:00Z' }).nullable().optional(),
});
