import type { ResourceType } from './resources';

/** One field problem, as a StatusCause: `spec.containers[0].image: Required value`. */
export interface FieldError {
  field: string;
  /** Kubernetes' error type text: `Required value`, `Invalid value`, `Unsupported value`, ... */
  type: string;
  /** Rendered detail after the type, e.g. `"Foo": a lowercase RFC 1123 label must ...`. */
  detail?: string;
}

export type StatusReason = 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'BadRequest' | 'Forbidden' | 'MethodNotAllowed' | 'Gone' | 'TooManyRequests' | 'InternalError';

/** A metav1.Status failure, thrown by the API server and printed by kubectl. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details: { name?: string; group?: string; kind?: string; causes?: FieldError[] } = {},
  ) {
    super(message);
  }

  /** The Status object a REST client would receive. */
  toStatus(): object {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      details: this.details,
      code: this.code,
    };
  }
}

/** `pods` or `deployments.apps`: how errors name a resource. */
export function qualifiedResource(type: ResourceType): string {
  return type.group ? `${type.resource}.${type.group}` : type.resource;
}

export const notFound = (type: ResourceType, name: string) =>
  new ApiError(404, 'NotFound', `${qualifiedResource(type)} "${name}" not found`, { name, kind: type.resource, group: type.group });

export const alreadyExists = (type: ResourceType, name: string) =>
  new ApiError(409, 'AlreadyExists', `${qualifiedResource(type)} "${name}" already exists`, { name, kind: type.resource, group: type.group });

export const conflict = (type: ResourceType, name: string, why: string) =>
  new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(type)} "${name}": ${why}`, {
    name,
    kind: type.resource,
    group: type.group,
  });

export const OPTIMISTIC_LOCK_MESSAGE = 'the object has been modified; please apply your changes to the latest version and try again';

export const badRequest = (message: string) => new ApiError(400, 'BadRequest', message);

/** Render one field error as apimachinery's field.Error.Error() does. */
export function formatFieldError(e: FieldError): string {
  return e.detail ? `${e.field}: ${e.type}: ${e.detail}` : `${e.field}: ${e.type}`;
}

/**
 * 422 Invalid, with the message the API server builds: `Pod "x" is invalid: <err>` or, for several,
 * `Pod "x" is invalid: [<err>, <err>]`.
 */
export function invalid(type: ResourceType, name: string, errors: FieldError[]): ApiError {
  const rendered = errors.map(formatFieldError);
  const list = rendered.length === 1 ? rendered[0] : `[${rendered.join(', ')}]`;
  return new ApiError(422, 'Invalid', `${type.kind} "${name}" is invalid: ${list}`, {
    name,
    group: type.group,
    kind: type.kind,
    causes: errors,
  });
}

export const required = (field: string): FieldError => ({ field, type: 'Required value' });

export const invalidValue = (field: string, value: unknown, why: string): FieldError => ({
  field,
  type: 'Invalid value',
  detail: `${JSON.stringify(value)}: ${why}`,
});

export const unsupportedValue = (field: string, value: unknown, supported: string[]): FieldError => ({
  field,
  type: 'Unsupported value',
  detail: `${JSON.stringify(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
});

export const forbidden = (field: string, why: string): FieldError => ({ field, type: 'Forbidden', detail: why });

export const duplicate = (field: string, value: unknown): FieldError => ({
  field,
  type: 'Duplicate value',
  detail: JSON.stringify(value),
});
