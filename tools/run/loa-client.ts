/** A small HTTP client for the Loa API, used by the demo and the end-to-end tests. */
export class LoaHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} → HTTP ${status}: ${JSON.stringify(body)}`);
  }
}

export class LoaClient {
  constructor(
    readonly baseUrl: string,
    private token: string | null = null,
  ) {}

  async login(email: string, password: string): Promise<LoaClient> {
    const r = await this.request<{ token: string }>('POST', '/api/auth/login', { email, password });
    return new LoaClient(this.baseUrl, r.token);
  }

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await this.raw(method, path, body, headers);
    const text = await res.text();
    const parsed: unknown = text ? safeJson(text) : null;
    if (!res.ok) throw new LoaHttpError(res.status, parsed, `${method} ${path}`);
    return parsed as T;
  }

  /** Sends one file as multipart/form-data (field `file` unless named), as a browser form would. */
  async upload<T>(path: string, file: { bytes: Buffer; name: string; type?: string }, field = 'file'): Promise<T> {
    const form = new FormData();
    form.append(
      field,
      new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    );
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
      body: form,
    });
    const text = await res.text();
    const parsed: unknown = text ? safeJson(text) : null;
    if (!res.ok) throw new LoaHttpError(res.status, parsed, `POST ${path}`);
    return parsed as T;
  }

  raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
