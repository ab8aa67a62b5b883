import { ERROR_CODES, type ErrorCode, type Problem } from '@keel/shared';

type Extras = Pick<Problem, 'errors' | 'allowed' | 'retryAfterSeconds'>;

/** The one error type commands throw; the error handler turns it into problem+json. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly extras: Extras;

  constructor(code: ErrorCode, detail?: string, extras: Extras = {}) {
    super(detail ?? ERROR_CODES[code].title);
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.extras = extras;
  }
}

export const notFound = (what = 'record') => new AppError('not_found', `No such ${what}`);
export const forbidden = (detail?: string) => new AppError('forbidden', detail);
export const invalid = (path: string, message: string) => new AppError('validation_failed', message, { errors: [{ path, message }] });

export function problem(code: ErrorCode, detail: string | undefined, requestId: string, extras: Extras = {}): Problem {
  const entry = ERROR_CODES[code];
  return {
    type: `https://keel.dev/problems/${code.replaceAll('_', '-')}`,
    title: entry.title,
    status: entry.status,
    code,
    ...(detail && detail !== entry.title ? { detail } : {}),
    requestId,
    ...extras,
  };
}
