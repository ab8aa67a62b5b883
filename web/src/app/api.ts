import type { z } from 'zod';
import { ApiError, errorFromResponse } from './api-error';

export { ApiError } from './api-error';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

export type RequestOptions = {
  /** JSON, or a FormData sent as multipart (an upload). */
  body?: unknown;
  /** Sent as If-Match so a stale edit answers 412 instead of overwriting someone else's. */
  etag?: string | null;
  /** Sent as Idempotency-Key so a retried create does not create twice. */
  idempotencyKey?: string;
  /** Sign-in and the session probe handle 401 themselves instead of redirecting. */
  redirectOn401?: boolean;
  signal?: AbortSignal;
};

const UNSAFE: ReadonlySet<Method> = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

/** The session's CSRF token, from /me or the sign-in response. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

export function withQuery(path: string, params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The ETag a record of this version carries (`"v<version>"`, as the API documents). */
export function etagFor(version: number): string {
  return `"v${version}"`;
}

export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function send(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const headers = new Headers({ accept: 'application/json' });
  const multipart = options.body instanceof FormData;
  // The browser writes a multipart body's content type itself, with its boundary.
  if (options.body !== undefined && !multipart) headers.set('content-type', 'application/json');
  if (UNSAFE.has(method) && csrfToken) headers.set('x-csrf-token', csrfToken);
  if (options.etag) headers.set('if-match', options.etag);
  if (options.idempotencyKey) headers.set('idempotency-key', options.idempotencyKey);
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body instanceof FormData ? options.body : options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ code: 'network', status: 0 });
  }
  if (res.ok) return res;
  const error = await errorFromResponse(res);
  if (error.status === 401 && options.redirectOn401 !== false) unauthorizedHandler?.();
  throw error;
}

async function parse<S extends z.ZodType>(res: Response, path: string, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(await res.json());
  if (parsed.success) return parsed.data;
  // The server and this app share one contract; a mismatch is a bug worth naming precisely.
  const issue = parsed.error.issues[0];
  throw new ApiError({
    code: 'internal',
    status: res.status,
    detail: `Unexpected response from ${path}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
  });
}

export async function apiGet<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}) {
  return parse(await send('GET', path, options), path, schema);
}

/** A single record with the ETag to send back when it is edited. */
export async function apiGetVersioned<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}) {
  const res = await send('GET', path, options);
  return { data: await parse(res, path, schema), etag: res.headers.get('etag') };
}

export async function apiSend<S extends z.ZodType>(
  method: Exclude<Method, 'GET'>,
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  return parse(await send(method, path, options), path, schema);
}

/** The name a download asks to be saved as (RFC 6266: `filename*` first, then `filename`). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // A malformed escape: try the plain name.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

/** A file the API streams (an export): its bytes and the name it asks to be saved as. */
export async function apiGetFile(path: string, fallbackName: string, options: RequestOptions = {}) {
  const res = await send('GET', path, options);
  return { blob: await res.blob(), fileName: fileNameOf(res.headers.get('content-disposition'), fallbackName) };
}

/** For writes that answer 204 or whose body the caller does not need. */
export async function apiSendVoid(method: Exclude<Method, 'GET'>, path: string, options: RequestOptions = {}) {
  await send(method, path, options);
}
