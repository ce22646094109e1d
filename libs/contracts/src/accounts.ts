/**
 * The accounts API contract (sign-up and log-in by one-time code, the session's user, saved jobs
 * and saved searches), shared by the backend and the Angular app.
 */
import type { JobPay, JobSearchParams } from './search';
import type { PostingStatus } from './posting';

/** How a one-time code reaches the user: SMS, e-mail, or an authenticator app (nothing is sent). */
export const CODE_CHANNELS = ['sms', 'email', 'app'] as const;
export type CodeChannel = (typeof CODE_CHANNELS)[number];

export const CODE_LENGTH = 6;

/** Field limits, the same in the DTOs, the database columns and the forms. */
export const ACCOUNT_LIMITS = {
  nameMax: 100,
  emailMax: 254,
  noteMax: 2000,
  savedSearchNameMax: 100,
  savedSearchesPerUser: 10,
} as const;

/** POST /api/auth/signup */
export interface SignupRequest {
  name: string;
  /** E.164, e.g. "+14155550123". */
  phone: string;
  email?: string;
}

/** POST /api/auth/login: exactly one of phone and email. */
export interface LoginRequest {
  phone?: string;
  email?: string;
  /** Default: sms for a phone, email for an e-mail address; "app" uses the authenticator app. */
  channel?: CodeChannel;
}

/** POST /api/auth/verify */
export interface VerifyCodeRequest {
  challengeId: string;
  code: string;
}

/**
 * The answer to sign-up, log-in and resend. It looks the same whether or not an account exists
 * for the phone or e-mail, so it cannot be used to find out who has an account.
 */
export interface CodeChallenge {
  challengeId: string;
  channel: CodeChannel;
  /** Masked destination ("+1 ••• ••• 0123", "j•••@example.com"); null for the authenticator app. */
  sentTo: string | null;
  expiresAt: string;
  /** Seconds until POST /api/auth/resend is accepted (0 for the authenticator app: nothing to resend). */
  resendAfter: number;
  codeLength: number;
}

/**
 * What an account may do beyond its own data. Everyone is a `user`; `analyst` opens the analyst
 * tools (queries, exports, the review queue); `operator` opens crawl sources and queues. Roles are
 * granted by an operator on the command line (`npm run user:grant`), never by the API.
 */
export const ROLES = ['user', 'analyst', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export interface Me {
  id: string;
  name: string;
  phone: string;
  email: string | null;
  /** True once an authenticator app is confirmed; log-in may then use channel "app". */
  totpEnabled: boolean;
  /** Always includes "user". */
  roles: Role[];
  createdAt: string;
}

/** POST /api/me/totp: scan the QR code (or type the secret), then confirm with a code from the app. */
export interface TotpEnrollment {
  otpauthUri: string;
  /** PNG data URL of the otpauthUri. */
  qrDataUrl: string;
  /** Base32 secret for apps that cannot scan. */
  secret: string;
}

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  current: boolean;
}

export const SAVED_JOB_STATUSES = ['saved', 'applied', 'interviewing', 'offer', 'rejected'] as const;
export type SavedJobStatus = (typeof SAVED_JOB_STATUSES)[number];

/** What a saved job keeps of its posting, so it outlives the posting. */
export interface SavedJobSnapshot {
  title: string;
  company: string | null;
  location: string | null;
  pay: JobPay | null;
  url: string | null;
}

export interface SavedJob {
  jobId: string;
  status: SavedJobStatus;
  note: string | null;
  job: SavedJobSnapshot;
  /**
   * The posting's liveness now: `expired` once the crawler found it gone (it still opens);
   * null when the index no longer holds it or could not be asked.
   */
  postingStatus: PostingStatus | null;
  savedAt: string;
  updatedAt: string;
}

/** PUT /api/me/saved-jobs/:jobId (creates or updates). */
export interface SaveJobRequest {
  status?: SavedJobStatus;
  note?: string | null;
}

export const ALERT_FREQUENCIES = ['instant', 'daily', 'weekly'] as const;
export type AlertFrequency = (typeof ALERT_FREQUENCIES)[number];

export const ALERT_CHANNELS = ['email', 'sms'] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

/** The search parameters a saved search keeps: a search's filters, without paging and sorting. */
export type SavedSearchParams = Omit<JobSearchParams, 'sort' | 'page' | 'size' | 'after'>;

export interface SavedSearch {
  id: string;
  name: string;
  params: SavedSearchParams;
  frequency: AlertFrequency;
  channel: AlertChannel;
  /** Alerts stopped by the unsubscribe link (or by the user); PATCH `paused: false` resumes them. */
  paused: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CreateSavedSearchRequest {
  name: string;
  params: SavedSearchParams;
  frequency: AlertFrequency;
  channel: AlertChannel;
}

export type UpdateSavedSearchRequest = Partial<CreateSavedSearchRequest> & { paused?: boolean };
