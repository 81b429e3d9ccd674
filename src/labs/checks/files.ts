import type { CheckFn } from '../schema';
import { failed, passed } from './result';

/** A file on a host (the workstation by default) contains text or matches a pattern. */
export function fileContains(path: string, pattern: string | RegExp, host = 'workstation'): CheckFn {
  return (view) => {
    const content = view.file(path, host);
    if (content === undefined) return failed(`there is no file ${path} on ${host}`);
    const ok = typeof pattern === 'string' ? content.includes(pattern) : pattern.test(content);
    const what = typeof pattern === 'string' ? `"${pattern}"` : `text matching ${pattern}`;
    return ok ? passed(`${path} on ${host} contains ${what}`) : failed(`${path} on ${host} does not contain ${what}`);
  };
}
