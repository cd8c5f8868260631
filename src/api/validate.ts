import type { z } from 'zod';
import type { ErrorDetail } from '../domain/errors';
import { validationError } from '../domain/errors';

/** zod issues → the API's `details` (one per failing field; unknown fields named). */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[], prefix = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const join = (path: readonly PropertyKey[]): string => [prefix, ...path.map(String)].filter((p) => p !== '').join('.');
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) details.push({ path: join([...issue.path, key]), message: 'unknown field (check its spelling)' });
    } else if (issue.code === 'invalid_type' && issue.input === undefined) {
      details.push({ path: join(issue.path), message: 'required' });
    } else {
      details.push({ path: join(issue.path), message: issue.message });
    }
  }
  return details;
}

/** Parse or throw `validation_failed` with every failing field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, prefix = ''): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(issuesToDetails(parsed.error.issues, prefix));
  return parsed.data;
}
