/**
 * One error model for the server: a code, the HTTP status to answer with, a message for people, and
 * the upstream's status/body kept as `cause` details. Route handlers turn any thrown value into a
 * response with `errorResponse(err)`.
 */
export type ErrorCode =
  | 'bad_request'
  | 'not_found'
  | 'unauthorized'
  | 'method_not_allowed'
  | 'backend_unavailable'
  | 'backend_error'
  | 'backend_timeout'
  | 'backend_bad_response'
  | 'internal';

export type BackendName = 'prometheus' | 'jaeger' | 'kubernetes' | 'config';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  not_found: 404,
  unauthorized: 401,
  method_not_allowed: 405,
  backend_unavailable: 503,
  backend_error: 502,
  backend_timeout: 504,
  backend_bad_response: 502,
  internal: 500,
};

export interface AppErrorDetails {
  backend?: BackendName;
  /** HTTP status the upstream answered with, when it answered. */
  upstreamStatus?: number;
  /** The first bytes of the upstream's body, for the connections page and error banners. */
  upstreamBody?: string;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly backend?: BackendName;
  readonly upstreamStatus?: number;
  readonly upstreamBody?: string;

  constructor(code: ErrorCode, message: string, details: AppErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS[code];
    this.backend = details.backend;
    this.upstreamStatus = details.upstreamStatus;
    this.upstreamBody = details.upstreamBody;
  }

  toJSON(): ErrorBody {
    return {
      error: this.message,
      code: this.code,
      ...(this.backend ? { backend: this.backend } : {}),
      ...(this.upstreamStatus !== undefined ? { upstreamStatus: this.upstreamStatus } : {}),
    };
  }
}

export interface ErrorBody {
  error: string;
  code: ErrorCode;
  backend?: BackendName;
  upstreamStatus?: number;
}

export function badRequest(message: string): AppError {
  return new AppError('bad_request', message);
}

export function notFound(message: string): AppError {
  return new AppError('not_found', message);
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('internal', message, { cause: err });
}

/** The AppError to answer a thrown value with; internal errors are logged here, never leaked with a stack. */
export function reportedAppError(err: unknown): AppError {
  const appError = toAppError(err);
  if (appError.code === 'internal') console.error('[meshscope] internal error', err);
  return appError;
}

/** A JSON Response for any thrown value (see reportedAppError). */
export function errorResponse(err: unknown): Response {
  const appError = reportedAppError(err);
  return Response.json(appError.toJSON(), { status: appError.status });
}

/**
 * Parses a route's query string; the parser's own validation error (`paramsError`) becomes a 400 with its
 * message, anything else is rethrown. Keeps route handlers to one line of parsing.
 */
export function parseQuery<T>(request: Request, parse: (search: URLSearchParams) => T, paramsError: abstract new (...args: never[]) => Error): T {
  return parseSearch(new URL(request.url).searchParams, parse, paramsError);
}

/** parseQuery for a query string already at hand. */
export function parseSearch<T>(search: URLSearchParams, parse: (search: URLSearchParams) => T, paramsError: abstract new (...args: never[]) => Error): T {
  try {
    return parse(search);
  } catch (err) {
    if (err instanceof paramsError) throw badRequest(err.message);
    throw err;
  }
}
