// The one typed client of the node's API, generated from its OpenAPI document (schema.gen.ts).
// Every call in the console goes through it; the bearer token is added here.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.gen.js';

export const api = createClient<paths>({ baseUrl: '' });

let token: string | null = null;
let onUnauthorized: () => void = () => {};

export function setApiToken(t: string | null, unauthorized?: () => void): void {
  token = t;
  if (unauthorized) onUnauthorized = unauthorized;
}

const auth: Middleware = {
  onRequest({ request }) {
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response, request }) {
    // A 401 on anything but the login call means the session expired: back to the login screen.
    if (response.status === 401 && !request.url.endsWith('/auth/login')) onUnauthorized();
    return response;
  },
};
api.use(auth);

/** An error answer of the node, in its one error format. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  /** The route is not served by this node yet (the console is ahead of the back end). */
  get pending(): boolean {
    return this.status === 404 && this.message.startsWith('no route');
  }
}

function errorOf(body: unknown, status: number): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const e = body.error;
    if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e && typeof e.code === 'string' && typeof e.message === 'string') {
      return new ApiError(status, e.code, e.message);
    }
  }
  return new ApiError(status, 'HTTP_' + status, `HTTP ${status}`);
}

/** Turns openapi-fetch's { data, error } into a value or a thrown ApiError (for react-query). */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined) throw errorOf(error, response.status);
  return data;
}
