/**
 * How kubectl turns an error into stderr text: a port of checkErr/StandardErrorMessage in
 * kubectl/pkg/cmd/util/helpers.go. API Status errors print `Error from server (Reason): msg`,
 * 422 Invalid prints `The Kind "name" is invalid: ` with its causes (one inline, several as a
 * `* cause` list), and anything else prints `error: msg`.
 */
import { ApiError, type FieldError } from '../../engine/api/errors';
import { FlagError } from './flags';

/** An error whose text is already final (kubectl prints it as is, plus a newline). */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    /** What the command printed on stdout before it failed (a template printer's partial output). */
    readonly stdout?: string,
  ) {
    super(message);
  }
}

/** `error: <msg>`: kubectl's fallback for client-side errors. */
export const usageError = (message: string): KubectlError => new KubectlError(message.startsWith('error: ') ? message : `error: ${message}`);

/** The message of one StatusCause as the API server writes it (ErrorBody: type and detail). */
function causeMessage(c: FieldError): string {
  return c.detail ? `${c.type}: ${c.detail}` : c.type;
}

/** MultilineError("The Kind \"x\" is invalid: ", causes), deduplicating as statusCausesToAggrError does. */
function invalidMessage(err: ApiError): string {
  const prefix = `The ${err.details.kind ?? ''} "${err.details.name ?? ''}" is invalid: `;
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const c of err.details.causes ?? []) {
    const line = `${c.field}: ${causeMessage(c)}`;
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  if (lines.length === 0) return `${prefix.slice(0, -2)}\n`;
  if (lines.length === 1) return `${prefix}${lines[0]}\n`;
  return `${prefix}\n${lines.map((l) => `* ${l}\n`).join('')}`;
}

/**
 * Render an API error with kubectl's wording. `source` adds AddSourceToErr's
 * `error when creating "web.yaml": ` before the server message.
 */
export function apiErrorText(err: ApiError, source?: { verb: string; file: string }): string {
  if (err.reason === 'Invalid' && err.details.causes) return invalidMessage(err);
  const message = source ? `error when ${source.verb} "${source.file}": ${err.message}` : err.message;
  return `Error from server (${err.reason}): ${message}\n`;
}

/** The stderr text for any error a command raised. */
export function errorText(err: unknown, verb?: string): string {
  if (err instanceof KubectlError) return err.message.endsWith('\n') ? err.message : `${err.message}\n`;
  if (err instanceof ApiError) return apiErrorText(err);
  if (err instanceof FlagError) {
    const help = verb ? `kubectl ${verb} --help` : 'kubectl --help';
    return `error: ${err.message}\nSee '${help}' for usage.\n`;
  }
  if (err instanceof Error) return err.message.startsWith('error: ') ? `${err.message}\n` : `error: ${err.message}\n`;
  return `error: ${String(err)}\n`;
}

/** cmdutil.UsageErrorf("Unexpected args: %v"): apply and create -f take no positional arguments. */
export function unexpectedArgs(args: readonly string[], verb: string): KubectlError {
  return usageError(`Unexpected args: [${args.join(' ')}]\nSee 'kubectl ${verb} -h' for help and examples`);
}

/** The resource builder's refusal of names next to -f (delete, replace). */
export const FILES_AND_ARGS = 'when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well';
