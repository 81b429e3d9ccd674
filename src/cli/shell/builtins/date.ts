import { DEFAULT_EPOCH_MS } from '../../../engine/sim/time';
import { type Command, type CommandHost, fail, ok } from '../../types';

/**
 * Wall-clock time of virtual time 0 when a host does not say: the engine's fixed epoch, so the
 * simulation's calendar is reproducible (midnight UTC on 1 January 2026).
 */
export const SIMULATION_EPOCH_MS = DEFAULT_EPOCH_MS;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2, fill = '0'): string => String(n).padStart(width, fill);

/** The calendar instant a host's virtual clock shows now. */
export function simulationDate(host: CommandHost): Date {
  return new Date((host.epochMs ?? SIMULATION_EPOCH_MS) + host.now());
}

/** `strftime` for the conversions learners use: `%Y-%m-%dT%H:%M:%SZ`, `%s`, `%T`, `%F`, `%a %b %e`. */
export function formatDate(date: Date, format: string): string {
  const fields: Record<string, () => string> = {
    a: () => DAYS[date.getUTCDay()]!,
    b: () => MONTHS[date.getUTCMonth()]!,
    h: () => MONTHS[date.getUTCMonth()]!,
    d: () => pad(date.getUTCDate()),
    e: () => pad(date.getUTCDate(), 2, ' '),
    H: () => pad(date.getUTCHours()),
    M: () => pad(date.getUTCMinutes()),
    S: () => pad(date.getUTCSeconds()),
    m: () => pad(date.getUTCMonth() + 1),
    Y: () => String(date.getUTCFullYear()),
    y: () => pad(date.getUTCFullYear() % 100),
    Z: () => 'UTC',
    z: () => '+0000',
    s: () => String(Math.floor(date.getTime() / 1000)),
    N: () => pad(date.getUTCMilliseconds() * 1_000_000, 9),
    T: () => formatDate(date, '%H:%M:%S'),
    F: () => formatDate(date, '%Y-%m-%d'),
    '%': () => '%',
  };
  return format.replace(/%(.)/g, (whole, c: string) => fields[c]?.() ?? whole);
}

/** GNU `date`'s default output, e.g. `Thu Jan  1 00:00:05 UTC 2026`. */
export const DEFAULT_DATE_FORMAT = '%a %b %e %H:%M:%S %Z %Y';

/** `date [-u] [+FORMAT]`: the virtual time of the host, always in UTC. */
export const date: Command = ({ argv, host }) => {
  let format = DEFAULT_DATE_FORMAT;
  for (const arg of argv) {
    if (arg.startsWith('+')) format = arg.slice(1);
    else if (arg !== '-u' && arg !== '--utc' && arg !== '-R') {
      return fail(`date: invalid date '${arg}'\n`);
    }
    if (arg === '-R') format = '%a, %d %b %Y %H:%M:%S %z';
  }
  return ok(`${formatDate(simulationDate(host), format)}\n`);
};
