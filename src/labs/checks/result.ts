import { formatVirtualTime } from '../../cli/commands/sim';
import type { CheckFn } from '../schema';
import type { CheckResult } from '../types';

export const passed = (message: string): CheckResult => ({ pass: true, message });
export const failed = (message: string, hint?: number): CheckResult => (hint === undefined ? { pass: false, message } : { pass: false, message, hint });

/** Every check must pass; the first that fails gives the message. */
export function allOf(...checks: CheckFn[]): CheckFn {
  return (view) => {
    const messages: string[] = [];
    for (const check of checks) {
      const result = check(view);
      if (!result.pass) return result;
      messages.push(result.message);
    }
    return passed(messages.join('; '));
  };
}

/** Point a failing check at the hint (index from 0) that helps with it. */
export function withHint(check: CheckFn, hint: number): CheckFn {
  return (view) => {
    const result = check(view);
    return result.pass ? result : { ...result, hint };
  };
}

/** A moment in virtual time as `sim trace` prints it (`12.345s`, `2m5.000s`). */
export function labTime(ms: number): string {
  return formatVirtualTime(ms);
}
