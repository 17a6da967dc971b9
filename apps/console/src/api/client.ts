import createClient from 'openapi-fetch';
import type { paths } from './schema.gen';

const TOKEN_KEY = 'loa.token';

export const tokenStore = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Fired when the API answers 401 to a signed-in call: the session ended (expired, revoked, user disabled). */
export const SESSION_ENDED = 'loa:session-ended';

/**
 * The API client, typed from the OpenAPI document the server describes itself with (`npm run build` generates
 * schema.gen.ts from it, so a renamed field breaks the console's type check, not the operator's page).
 */
export const api = createClient<paths>({ baseUrl: window.location.origin });

api.use({
  onRequest({ request }) {
    const token = tokenStore.get();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('Authorization')) {
      tokenStore.clear();
      window.dispatchEvent(new Event(SESSION_ENDED));
    }
    return response;
  },
});

/** An answer other than 2xx, with the server's messages (each names the field at fault). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
  ) {
    super(messages.join('; ') || `HTTP ${status}`);
  }
}

/** The data of an openapi-fetch call, or an ApiError carrying the server's messages. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const body = error as { message?: unknown; errors?: Array<{ field?: string; line?: number; message: string }> };
    const message = body?.message;
    const messages = Array.isArray(message) ? message.map(String) : message ? [String(message)] : [];
    // A rule broken in several places lists each one (`msisdns[1]: …`).
    for (const p of Array.isArray(body?.errors) ? body.errors : [])
      messages.push([p.field, p.line ? `dòng ${p.line}` : null].filter(Boolean).join(', ') + `: ${p.message}`);
    throw new ApiError(response.status, messages);
  }
  return data as T;
}

/** Downloads a file the API serves to signed-in operators only (a plain link cannot carry the bearer token). */
export async function downloadWithToken(path: string, fileName: string): Promise<void> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${tokenStore.get() ?? ''}` } });
  if (!res.ok) throw new ApiError(res.status, [`HTTP ${res.status}`]);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}

/** Posts one file (multipart field `file`) with the operator's token; the answer's JSON, or an ApiError. */
export async function uploadWithToken<T>(path: string, file: File): Promise<T> {
  const body = new FormData();
  body.append('file', file, file.name);
  const res = await fetch(path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokenStore.get() ?? ''}` },
    body,
  });
  const answer = (await res.json().catch(() => ({}))) as { message?: string | string[] };
  if (!res.ok) throw new ApiError(res.status, [answer.message ?? `HTTP ${res.status}`].flat().map(String));
  return answer as T;
}

/** An image the API serves to signed-in operators only, as a data: URL an <img> can show. */
export async function imageWithToken(path: string): Promise<string> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${tokenStore.get() ?? ''}` } });
  if (!res.ok) throw new ApiError(res.status, [`HTTP ${res.status}`]);
  const blob = await res.blob();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable image'));
    reader.readAsDataURL(blob);
  });
}
