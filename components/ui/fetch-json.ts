/** Error thrown by fetchJson: the API's message, its HTTP status and the backend it named. */
export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly backend?: string) {
    super(message);
    this.name = 'ApiError';
  }
}

/** GET a Meshscope API route; non-2xx answers become ApiError with the route's `{error}` message. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  } catch (err) {
    throw new ApiError(`The Meshscope server is unreachable (${err instanceof Error ? err.message : String(err)})`, 0);
  }
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(`Unexpected answer from ${url} (HTTP ${res.status})`, res.status);
  }
  if (!res.ok) {
    const b = (body ?? {}) as { error?: string; backend?: string };
    const message = b.error ?? `HTTP ${res.status}`;
    const backend = b.backend && !message.toLowerCase().includes(b.backend) ? `${b.backend}: ` : '';
    throw new ApiError(`${backend}${message}`, res.status, b.backend);
  }
  return body as T;
}
