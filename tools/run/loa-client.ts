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
