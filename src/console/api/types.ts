/**
 * Answer shapes of the public API the console reads (api.md). Request bodies are typed and validated
 * by the API's own zod schemas (src/api/schemas), imported where a form is sent.
 */
import type { Platform } from '../../domain/platform';

export type { Platform };
export type Role = 'viewer' | 'organizer' | 'ops' | 'admin';
export type SessionStatus = 'scheduled' | 'live' | 'ended' | 'cancelled';
export type JobState = 'pending' | 'running' | 'completed' | 'failed' | 'skipped' | 'cancelled';

export interface Job {
  id: string;
  kind: string;
  platform: Platform | null;
  accountId: string | null;
  runAt: string;
  state: JobState;
  attempts: number;
  lastError: string | null;
  reason?: string | null;
}

export interface Target {
  platform: Platform;
  accountId: string;
  announce?: boolean;
  live?: boolean;
}

export interface Session {
  id: string;
  version: number;
  status: SessionStatus;
  title: string;
  description: string | null;
  timezone: string;
  startsAt: string;
  endsAt: string;
  campaignId: string | null;
  stageId: string | null;
  host: { name: string; phone?: string } | null;
  vendorIds?: string[];
  productIds?: string[];
  targets: Target[];
  locale?: 'vi' | 'en';
  jobs: Job[];
}

export interface Stage {
  id: string;
  name: string;
}

export interface Campaign {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  timezone: string;
  stages: Stage[];
  sessionCounts?: Record<SessionStatus | 'total', number>;
}

export interface Vendor {
  id: string;
  name: string;
  stall?: string;
  market?: string;
  category?: string;
  phone?: string;
}

export interface Product {
  id: string;
  vendorId: string;
  name: string;
  price?: number;
  unit?: string;
}

export interface Catalog {
  vendors: Vendor[];
  products: Product[];
}

export interface CoverageRow {
  id: string;
  name: string;
  vendorId?: string;
  sessions: number;
  minutes: number;
  done: number;
}

export interface Account {
  id: string;
  platform: Platform;
  name: string;
  externalId?: string;
  tokenStatus?: 'valid' | 'expiring' | 'expired' | 'invalid' | 'unknown';
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: 'invited' | 'active' | 'disabled';
  createdAt: string;
  lastSignInAt: string | null;
}

export interface Me {
  user: User | null;
  principal: string;
  role: Role;
  csrfToken?: string;
}

export interface Warning {
  code: string;
  message: string;
  platform?: Platform;
}

export interface Preview {
  session: Session & { texts?: Record<string, string> };
  conflicts: { sessionId: string; startsAt: string; endsAt: string }[];
  warnings: Warning[];
}

export interface Suggestion {
  startsAt: string;
  endsAt: string;
}

export interface Candidate {
  externalId: string;
  name: string;
  kind: 'page' | 'creator' | 'channel';
  live: { eligible: boolean; reason?: string };
  accountId: string | null;
}

export interface Connection {
  id: string;
  platform: Platform;
  status: 'pending' | 'authorized' | 'failed' | 'done';
  error: { code: string; message: string } | null;
  candidates: Candidate[];
  authorizeUrl?: string;
}

export interface PersonalToken {
  id: string;
  name: string;
  role: Role;
  expiresAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
  token?: string;
}

export interface AuditEntry {
  id: string;
  at?: string;
  principal?: string;
  action?: string;
  [field: string]: unknown;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}
