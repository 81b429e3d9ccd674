import type { Command, CommandHost } from '../../../src/cli/types';
import { MemoryFs } from '../../../src/cli/shell/memory-fs';
import { Shell, type ShellOptions } from '../../../src/cli/shell/shell';
import { Session } from '../../../src/cli/session';

/** A host stub whose clock only moves when a command advances it; `advanced` records each step. */
export interface FakeHost extends CommandHost {
  readonly fs: MemoryFs;
  readonly advanced: number[];
}

export function fakeHost(): FakeHost {
  let now = 0;
  const advanced: number[] = [];
  return {
    name: 'workstation',
    fs: new MemoryFs(),
    advanced,
    now: () => now,
    advance: (ms) => {
      advanced.push(ms);
      now += ms;
    },
  };
}

/** A shell on a fresh fake host, with optional extra commands. */
export function makeShell(options: Partial<ShellOptions> = {}, commands: Record<string, Command> = {}): { shell: Shell; host: FakeHost } {
  const host = fakeHost();
  const shell = new Shell({ host, ...options, commands: { ...commands, ...options.commands } });
  return { shell, host };
}

/** Run a script on a fresh shell and return what the terminal shows. */
export function sh(source: string): { out: string; code: number } {
  const { output, exitCode } = makeShell().shell.runInterleaved(source);
  return { out: output, code: exitCode };
}

/** Each line's terminal output, run one after the other in one fresh session (cluster included). */
export function sessionOutputs(lines: readonly string[]): string[] {
  const session = new Session({ seed: 1 });
  return lines.map((line) => session.run(line).output);
}
