import { z } from 'zod';

/**
 * Stable machine codes for every error the API returns. Clients (and the web app's
 * catalogue under `errors.*`) key on these; the English `title` is for humans reading logs.
 * Never rename a code: add a new one.
 */
export const ERROR_CODES = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  malformed_json: { status: 400, title: 'The request body is not valid JSON' },
  invalid_utf8: { status: 400, title: 'The request body is not valid UTF-8' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  /** Programs and scripts (by content or by extension) are never stored as attachments. */
  attachment_type_refused: { status: 415, title: 'This type of file cannot be attached' },
  unauthenticated: { status: 401, title: 'Sign in first' },
  invalid_credentials: { status: 401, title: 'Wrong username or password' },
  session_expired: { status: 401, title: 'Your session has ended; sign in again' },
  forbidden: { status: 403, title: 'You do not have permission to do this' },
  csrf_failed: { status: 403, title: 'The request did not carry a valid CSRF token' },
  not_found: { status: 404, title: 'Not found' },
  route_not_found: { status: 404, title: 'No such endpoint' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'The request conflicts with the current state' },
  /** A workflow guard holds the action back; `errors` names each unmet guard. */
  transition_blocked: { status: 409, title: 'A condition of this action is not met' },
  duplicate: { status: 409, title: 'A record with this value already exists' },
  /** A catalogue item needs an approver the requester does not have (no manager, no service owner, or themself). */
  approver_unavailable: { status: 409, title: 'Nobody can approve this request' },
  idempotency_key_reused: {
    status: 422,
    title: 'This Idempotency-Key was used for a different request',
  },
  precondition_failed: {
    status: 412,
    title: 'The record changed since you loaded it; reload and try again',
  },
  password_rejected: { status: 400, title: 'The password does not meet the password rules' },
  too_many_requests: { status: 429, title: 'Too many attempts; wait and try again' },
  account_locked: { status: 429, title: 'Too many failed sign-ins; the account is locked for a while' },
  account_disabled: { status: 403, title: 'This account is disabled' },
  export_too_large: { status: 422, title: 'The export has more rows than allowed; narrow the filters' },
  service_unavailable: { status: 503, title: 'The service is not ready' },
  /** PDF reports need the CJK font: the administrator installs the fonts-noto-cjk package. */
  pdf_font_missing: { status: 503, title: 'The PDF font is not installed; install the fonts-noto-cjk package' },
  internal: { status: 500, title: 'Something went wrong on our side' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const fieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
});

/** RFC 9457 problem details, extended with a stable `code`. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(fieldErrorSchema).optional(),
  allowed: z.array(z.string()).optional(),
  retryAfterSeconds: z.number().int().optional(),
});
export type Problem = z.infer<typeof problemSchema>;
