/**
 * kubectl's go-template printer (GoTemplatePrinter) and the Go formatting custom-columns uses,
 * over text/template (parse.ts, exec.ts, fmt.ts). Reached through the deferred programs chunk.
 */
import { KubectlError, usageError } from '../errors';
import { decodeForTemplate, runTemplate } from './exec';
import { goSprint as templateSprint } from './fmt';
import { parseTemplate, TemplateError, type TemplateNode } from './parse';

/** The go-template printer: the object as kubectl decodes it, through text/template. */
export function goTemplate(template: string, data: Record<string, unknown>): string {
  let nodes: TemplateNode[];
  try {
    nodes = parseTemplate(template);
  } catch (e) {
    if (e instanceof TemplateError) throw usageError(`error parsing template ${template}, ${e.message}`);
    throw e;
  }
  const decoded = decodeForTemplate(data);
  try {
    return runTemplate(nodes, decoded);
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    // GoTemplatePrinter writes what it can to stdout to help debug the template, then fails.
    const debug =
      `${e.partial ?? ''}Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n\traw data was:\n\t\t${goJsonMarshal(data)}\n\tobject given to template engine was:\n\t\t${templateSprint(decoded)}\n\n`;
    throw new KubectlError(`error: error executing template ${JSON.stringify(template)}: ${e.message}`, 1, debug);
  }
}

/** encoding/json's Marshal of a map: keys sorted, no spaces, and <, > and & escaped. */
function goJsonMarshal(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(sorted(value)).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

/**
 * A value as Go's fmt.Sprint prints it from an unstructured object, which is what the
 * custom-columns printer does: `<nil>`, `map[app:web]` (keys sorted), `[a b]`; whole numbers
 * are int64 there too, so the template printer's formatting applies.
 */
export const goSprintUnstructured = (v: unknown): string => templateSprint(decodeForTemplate(v));
