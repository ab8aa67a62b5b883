import { z } from 'zod';

/** A signed-in API session for setting up a journey's data without clicking through screens. */
export type ApiSession = {
  get: <S extends z.ZodType>(path: string, schema: S) => Promise<z.output<S>>;
  post: <S extends z.ZodType>(path: string, body: unknown, schema: S) => Promise<z.output<S>>;
  patch: <S extends z.ZodType>(path: string, body: unknown, schema: S) => Promise<z.output<S>>;
};

export async function apiSession(baseUrl: string, username: string, password: string): Promise<ApiSession> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`sign-in as ${username}: ${login.status} ${await login.text()}`);
  const { csrfToken } = z.object({ csrfToken: z.string() }).parse(await login.json());
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c?.startsWith('keel_session='));
  if (!cookie) throw new Error('sign-in answered no session cookie');
  const send = async <S extends z.ZodType>(method: 'POST' | 'PATCH', path: string, body: unknown, schema: S): Promise<z.output<S>> => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return schema.parse(await res.json());
  };
  const get = async <S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return schema.parse(await res.json());
  };
  return {
    get,
    post: (path, body, schema) => send('POST', path, body, schema),
    patch: (path, body, schema) => send('PATCH', path, body, schema),
  };
}
