import { fail, type Command } from '../../types';

/**
 * `bash -c SCRIPT`, `bash FILE`, `... | bash` (and `sh`): a child shell runs the script. Options
 * `-e -u -x` (and `-o NAME`) before it are set first. A child gets only exported variables, so
 * `x=1; bash -c 'echo $x'` prints an empty line, as bash does. Arguments after the script are
 * its `$0`, `$1`, ... There is no nested interactive shell: a terminal without a script is told so.
 */
export function childShellCommand(name: 'bash' | 'sh'): Command {
  return (ctx) => {
    if (!ctx.script) return fail(`${name}: no shell to run in\n`, 126);
    const argv = [...ctx.argv];
    const options: string[] = [];
    let i = 0;
    for (; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === '-c') break;
      if (arg === '-o' || arg === '+o') options.push(`set ${arg} ${argv[++i] ?? ''}`);
      else if (/^-[euxv]*c[euxv]*$/.test(arg)) {
        // `-ec`: the options, then -c.
        if (arg.length > 2) options.push(`set ${arg.replace('c', '')}`);
        argv[i] = '-c';
        break;
      } else if (/^[-+][euxv]+$/.test(arg)) options.push(`set ${arg}`);
      else if (arg.startsWith('-') && arg !== '-') return fail(`${name}: ${arg}: invalid option\n`, 2);
      else break;
    }
    const [first, second] = argv.slice(i);
    let script: string;
    // `-c SCRIPT NAME ARGS...`: NAME is $0, ARGS $1...; `FILE ARGS...`: FILE is $0.
    let args = argv.slice(i);
    if (first === '-c') {
      if (second === undefined) return fail(`${name}: -c: option requires an argument\n`, 2);
      script = second;
      args = argv.slice(i + 2);
      if (args.length === 0) args = [name];
    } else if (first !== undefined && first !== '-') {
      const text = ctx.host.fs.isDir(first) ? undefined : ctx.host.fs.read(first);
      if (ctx.host.fs.isDir(first)) return fail(`${name}: ${first}: Is a directory\n`, 126);
      if (text === undefined) return fail(`${name}: ${first}: No such file or directory\n`, 127);
      script = text;
    } else if (ctx.tty) {
      return fail(`${name}: a nested interactive shell is not available here; run ${name} -c 'COMMANDS' or ${name} FILE\n`, 1);
    } else {
      script = ctx.stdin;
      args = [name, ...argv.slice(i + 1)];
    }
    // A script read from standard input has used it up.
    return ctx.script([...options, script].join('\n'), first === undefined || first === '-' ? '' : ctx.stdin, args);
  };
}
