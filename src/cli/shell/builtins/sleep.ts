import { type Command, fail, ok } from '../../types';

const UNIT_MS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `sleep NUMBER[smhd]...`: let virtual time pass (the sum of the arguments). The cluster keeps
 * running meanwhile, which is how a script waits for a rollout or a grace period.
 */
export const sleep: Command = ({ argv, host }) => {
  const args = [...argv];
  if (args.length === 0) return fail("sleep: missing operand\nTry 'sleep --help' for more information.\n");
  let total = 0;
  for (const arg of args) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
    if (!m) return fail(`sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n`);
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
  }
  // Virtual time is counted in whole milliseconds.
  host.advance(Math.round(total));
  return ok();
};
