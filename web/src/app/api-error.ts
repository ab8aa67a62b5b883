import { ERROR_CODES, type ErrorCode, problemSchema } from '@keel/shared';

export type FieldError = { path: string; message: string };

/** An API failure with the server's stable code; `network` when no answer arrived. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  readonly retryAfterSeconds: number | undefined;
  /** On a 409 from a workflow action: the actions the caller may take instead. */
  readonly allowed: string[];

  constructor(options: {
    code: string;
    status: number;
    detail?: string | undefined;
    errors?: FieldError[] | undefined;
    retryAfterSeconds?: number | undefined;
    allowed?: string[] | undefined;
  }) {
    super(options.detail ?? options.code);
    this.name = 'ApiError';
    this.code = options.code;
    this.status = options.status;
    this.detail = options.detail;
    this.errors = options.errors ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.allowed = options.allowed ?? [];
  }
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/** Builds an ApiError from a failed response, whether or not it carries problem+json. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // A proxy's HTML error page or an empty body: fall through to the status.
  }
  const parsed = problemSchema.safeParse(body);
  const retryHeader = Number.parseInt(res.headers.get('retry-after') ?? '', 10);
  if (parsed.success) {
    return new ApiError({
      code: parsed.data.code,
      status: parsed.data.status,
      detail: parsed.data.detail,
      errors: parsed.data.errors,
      retryAfterSeconds: parsed.data.retryAfterSeconds ?? (Number.isFinite(retryHeader) ? retryHeader : undefined),
      allowed: parsed.data.allowed,
    });
  }
  return new ApiError({ code: codeForStatus(res.status), status: res.status });
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 412) return 'precondition_failed';
  if (status === 429) return 'too_many_requests';
  if (status === 503) return 'service_unavailable';
  return 'internal';
}
