// The error catalogue. Every error a client can see has a stable code, an HTTP status and a
// safe message; `kind` separates business refusals (logged at info) from technical faults
// (logged at error, never shown in detail). One renderer turns them into
// { "error": { "code", "message", "details" } }.

export type ErrorKind = 'business' | 'technical';

export class AppError extends Error {
  readonly code: string;
  readonly httpStatus: number;
  readonly kind: ErrorKind;
  readonly details: unknown;

  constructor(code: string, httpStatus: number, message: string, details?: unknown, kind: ErrorKind = 'business') {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.httpStatus = httpStatus;
    this.kind = kind;
    this.details = details;
  }
}

// region request and validation
export const validationFailed = (message: string, details?: unknown) =>
  new AppError('VALIDATION_FAILED', 400, message, details);
export const malformedBody = (message: string) => new AppError('MALFORMED_BODY', 400, message);
export const payloadTooLarge = (limitBytes: number) =>
  new AppError('PAYLOAD_TOO_LARGE', 413, `request body exceeds the limit of ${limitBytes} bytes`, { limitBytes });
export const unsupportedMediaType = (type: string) =>
  new AppError('UNSUPPORTED_MEDIA_TYPE', 415, `content type ${type} is not accepted`);
// endregion

// region access
export const authenticationRequired = () =>
  new AppError('AUTHENTICATION_REQUIRED', 401, 'a valid bearer token is required');
export const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 401, 'user name or password is wrong');
export const forbidden = (message = 'your role does not allow this action', details?: unknown) =>
  new AppError('FORBIDDEN', 403, message, details);
// endregion

// region resources
export const notFound = (what: string, id: string) =>
  new AppError('NOT_FOUND', 404, `${what} ${id} was not found`, { what, id });
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError(code, 409, message, details);
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new AppError(code, 422, message, details);
// endregion

// region technical
export const internalError = () =>
  new AppError('INTERNAL', 500, 'an internal error occurred; it has been logged', undefined, 'technical');
export const unavailable = (message: string) =>
  new AppError('UNAVAILABLE', 503, message, undefined, 'technical');
// endregion

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function renderError(err: AppError): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.details === undefined ? {} : { details: err.details }),
    },
  };
}
