import type { CheckFn } from '../schema';
import type { TraceFilter } from '../view';
import { failed, labTime, passed } from './result';

export interface EventMatch {
  reason: string;
  /** `pod/web`, `deployment/web`: kind (lowercase) and name of the involved object. */
  object?: string;
  namespace?: string;
  type?: 'Normal' | 'Warning';
  /** Text the message must include. */
  message?: string;
}

/** An Event with this reason (about this object, of this type) was recorded at some point. */
export function eventSeen(match: EventMatch): CheckFn {
  return (view) => {
    const found = view.events().find((e) => {
      const ref = `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name}`;
      return (
        e.reason === match.reason &&
        (match.object === undefined || ref === match.object.toLowerCase()) &&
        (match.namespace === undefined || e.involvedObject.namespace === match.namespace) &&
        (match.type === undefined || e.type === match.type) &&
        (match.message === undefined || (e.message ?? '').includes(match.message))
      );
    });
    const about = match.object ? ` about ${match.object}` : '';
    return found ? passed(`event ${match.reason}${about}: ${found.message ?? ''}`) : failed(`no ${match.type ? `${match.type} ` : ''}event ${match.reason}${about} has been recorded`);
  };
}

/** The component trace has an entry like this (optionally whose detail matches). */
export function traceSeen(filter: TraceFilter & { detail?: RegExp | string; describe?: string }): CheckFn {
  return (view) => {
    const found = view.trace(filter).find((e) => filter.detail === undefined || (typeof filter.detail === 'string' ? e.detail.includes(filter.detail) : filter.detail.test(e.detail)));
    const what = filter.describe ?? [filter.component, filter.action, filter.object].filter(Boolean).join(' ');
    return found ? passed(`${found.component} ${found.action} at ${labTime(found.t)}: ${found.detail}`) : failed(`the trace shows no ${what} yet`);
  };
}
