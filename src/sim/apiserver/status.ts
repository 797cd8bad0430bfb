// Status errors with the real reasons, codes and messages of the kube-apiserver.

import type { Status, StatusCause } from '../api/types.ts';
import { qualifiedKind, qualifiedResource } from '../api/resources.ts';

interface GroupResource {
  group: string;
  resource: string;
}

export function statusError(code: number, reason: string, message: string, details?: Status['details']): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) s.details = details;
  return s;
}

export function notFound(gr: GroupResource, name: string): Status {
  return statusError(404, 'NotFound', `${qualifiedResource(gr)} "${name}" not found`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

export function alreadyExists(gr: GroupResource, name: string): Status {
  return statusError(409, 'AlreadyExists', `${qualifiedResource(gr)} "${name}" already exists`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

export function conflict(gr: GroupResource, name: string, why?: string): Status {
  return statusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${why ?? 'the object has been modified; please apply your changes to the latest version and try again'}`,
    { name, group: gr.group, kind: gr.resource },
  );
}

export interface FieldError {
  type:
    | 'FieldValueInvalid'
    | 'FieldValueRequired'
    | 'FieldValueForbidden'
    | 'FieldValueNotSupported'
    | 'FieldValueDuplicate';
  field: string;
  /** Already formatted detail, e.g. `Invalid value: -1: must be greater than or equal to 0`. */
  message: string;
}

export function invalid(gr: GroupResource & { kind: string }, name: string, errs: FieldError[]): Status {
  const parts = errs.map((e) => `${e.field}: ${e.message}`);
  const joined = parts.length === 1 ? (parts[0] ?? '') : `[${parts.join(', ')}]`;
  const causes: StatusCause[] = errs.map((e) => ({ reason: e.type, message: e.message, field: e.field }));
  return statusError(422, 'Invalid', `${qualifiedKind(gr)} "${name}" is invalid: ${joined}`, {
    name,
    group: gr.group,
    kind: gr.kind,
    causes,
  });
}

export function badRequest(message: string): Status {
  return statusError(400, 'BadRequest', message);
}

export function methodNotSupported(gr: GroupResource, verb: string): Status {
  return statusError(
    405,
    'MethodNotAllowed',
    `${verb} is not supported on resources of kind "${qualifiedResource(gr)}"`,
    {
      group: gr.group,
      kind: gr.resource,
    },
  );
}

export function forbidden(gr: GroupResource, name: string, why: string): Status {
  return statusError(403, 'Forbidden', `${qualifiedResource(gr)} "${name}" is forbidden: ${why}`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

export function gone(message: string): Status {
  return statusError(410, 'Expired', message);
}

export function internalError(message: string): Status {
  return statusError(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ message }],
  });
}

export function unavailable(): Status {
  return statusError(503, 'ServiceUnavailable', 'connection refused');
}

export function success(details?: Status['details']): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  if (details) s.details = details;
  return s;
}

/** Field error message helpers in the real format. */
export const fieldErr = {
  required: (field: string, detail = ''): FieldError => ({
    type: 'FieldValueRequired',
    field,
    message: detail ? `Required value: ${detail}` : 'Required value',
  }),
  invalid: (field: string, value: unknown, detail: string): FieldError => ({
    type: 'FieldValueInvalid',
    field,
    message: `Invalid value: ${typeof value === 'string' ? JSON.stringify(value) : String(value)}: ${detail}`,
  }),
  forbidden: (field: string, detail: string): FieldError => ({
    type: 'FieldValueForbidden',
    field,
    message: `Forbidden: ${detail}`,
  }),
  notSupported: (field: string, value: unknown, valid: string[]): FieldError => ({
    type: 'FieldValueNotSupported',
    field,
    message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${valid.map((v) => `"${v}"`).join(', ')}`,
  }),
  duplicate: (field: string, value: unknown): FieldError => ({
    type: 'FieldValueDuplicate',
    field,
    message: `Duplicate value: ${JSON.stringify(value)}`,
  }),
};
