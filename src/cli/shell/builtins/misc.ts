import { type Command, fail, ok } from '../../types';

/** `true`: succeed, doing nothing. */
export const trueCommand: Command = () => ok();

/** `false`: fail with status 1, doing nothing. */
export const falseCommand: Command = () => fail('');

/** `clear`: the ANSI sequence that homes the cursor and erases the screen. */
export const clear: Command = () => ok('\x1b[H\x1b[2J');

/** `env`: print the environment the command received, `NAME=value` per line. */
export const env: Command = ({ argv, env: vars }) => {
  if (argv.length > 0) return fail(`env: '${argv[0]}': running commands through env is not supported here\n`, 125);
  return ok(Object.entries(vars).map(([k, v]) => `${k}=${v}\n`).join(''));
};
