import { type CommandResult, fail } from '../types';
import { capturedStreams, expanding, failed, redirectHostFor, orderedChunks, type Io, type Scope } from './executor-io';
import { ExecutorBase } from './executor-base';
import { runCaseClause } from './case-clause';
import { parseScript } from './parser';
import { shellQuote } from './set-builtin';
import type { AndOr, CaseClause, CompoundCommand, ForLoop, Group, IfClause, List, Pipeline, Redirect, ShellCommand, SimpleCommand, WhileLoop } from './ast';
import { isBashBuiltin, MAX_FUNCTION_DEPTH } from './functions';
import { arithmeticStatus, type ExpandHost, ExpansionError, expandPattern, expandWord, expandWords } from './expand';
import { globPaths } from './glob';
import { applyRedirects, type Descriptors } from './redirects';
import { type Input, type ShellApi, shellBuiltins, withTemporaryVars } from './shell-builtins';
import type { Sink } from './transcript';
import { runConditional, type CondCommand } from './cond';

export type { ExecutorHost, ShellLimits } from './executor-io';

/** Runs parsed lines for one `Shell.run`, counting commands and output against the limits. */
export class Executor extends ExecutorBase {
  runLine(line: List): void {
    this.runList(line, this.terminal, this.top);
  }

  private runList(list: List, io: Io, scope: Scope): void {
    for (const andOr of list) {
      if (this.halted(scope)) return;
      this.runAndOr(andOr, io, scope);
    }
  }

  /**
   * A `&&`/`||` list. Under `set -e` a failure ends the shell only in its last pipeline (the one
   * after the final operator), when that one ran and was not negated, outside any condition.
   */
  private runAndOr(node: AndOr, io: Io, scope: Scope): void {
    let status = this.effects.checked(node.rest.length > 0, () => this.runPipeline(node.first, io, scope));
    let last: Pipeline | undefined = node.rest.length === 0 ? node.first : undefined;
    node.rest.forEach(({ op, pipeline }, i) => {
      if (this.halted(scope) || (op === '&&') !== (status === 0)) return;
      const final = i === node.rest.length - 1;
      status = this.effects.checked(!final, () => this.runPipeline(pipeline, io, scope));
      if (final) last = pipeline;
    });
    if (this.effects.exits(last, status) && !this.halted(scope)) {
      scope.exited = true;
      if (!scope.subshell) this.shell.exit(status);
    }
  }


  private runPipeline(pipeline: Pipeline, io: Io, scope: Scope): number {
    let status: number;
    if (pipeline.commands.length === 1) status = this.runCommand(pipeline.commands[0]!, io.input?.data ?? '', io, scope);
    else status = this.inSubshell(() => this.runStages(pipeline.commands, io));
    if (pipeline.negated) status = status === 0 ? 1 : 0;
    this.shell.recordStatus(status);
    return status;
  }

  /** Each stage of a pipeline is a subshell; stdout feeds the next stage, stderr goes straight out. */
  private runStages(commands: ShellCommand[], io: Io): number {
    let stdin = '';
    let status = 0;
    let failed = 0;
    commands.forEach((cmd, i) => {
      if (this.aborted) return;
      const last = i === commands.length - 1;
      let piped = '';
      const out: Sink = last ? io.out : (text) => (piped = this.bound(piped + text));
      status = this.runCommand(cmd, stdin, { out, err: io.err, input: { data: stdin } }, { exited: false, subshell: true });
      if (status !== 0) failed = status;
      stdin = piped;
    });
    // `set -o pipefail`: the last stage that failed decides.
    return this.effects.pipelineStatus(status, failed);
  }

  private runCommand(cmd: ShellCommand, stdin: string, io: Io, scope: Scope): number {
    if (!('kind' in cmd)) return this.runSimple(cmd, stdin, io, scope);
    if (cmd.kind === 'function') {
      this.shell.functions.set(cmd.name, cmd.body);
      return 0;
    }
    if (cmd.kind !== 'group' && cmd.redirects) {
      const { redirects, ...bare } = cmd;
      return this.redirected(redirects, stdin, io, (inner) => this.runCommand(bare, inner.input?.data ?? '', inner, scope));
    }
    if (cmd.kind === 'for') return this.runFor(cmd, io, scope);
    if (cmd.kind === 'group') return this.runGroup(cmd, stdin, io, scope);
    if (cmd.kind === 'case') return this.runCase(cmd, io, scope);
    if (cmd.kind === 'cond') return this.runCond(cmd, io);
    if (cmd.kind === 'arith') return expanding(io, () => arithmeticStatus(cmd.expr, this.expander(io)));
    return cmd.kind === 'while' ? this.runWhile(cmd, io, scope) : this.runIf(cmd, io, scope);
  }

  private runCase(clause: CaseClause, io: Io, scope: Scope): number {
    return expanding(io, () => runCaseClause(clause, this.expander(io), (body) => this.runBody(body, io, scope), () => this.halted(scope)));
  }

  /** `[[ EXPR ]]`: 0 true, 1 false, 2 when it cannot be evaluated (a bad regex or arithmetic). */
  private runCond(cmd: CondCommand, io: Io): number {
    const expander = this.expander(io);
    const result = runConditional(cmd.expr, {
      expand: (word) => expandWord(word, expander),
      pattern: (word) => expandPattern(word, expander),
      lookup: (name) => this.lookup(name),
      setVar: (name, value) => this.shell.setVar(name, value),
      fs: this.shell.host.fs,
    });
    if (result.message) io.err(`${result.message}\n`);
    return result.status;
  }

  /** `{ }` in this shell, `( )` in a subshell; their redirects apply to every command inside. */
  private runGroup(group: Group, stdin: string, io: Io, scope: Scope): number {
    return this.redirected(group.redirects, stdin, io, (inner) => {
      if (!group.subshell) return this.runBody(group.body, inner, scope);
      return this.inSubshell(() => this.runBody(group.body, inner, { exited: false, subshell: true }));
    });
  }

  /** Run `body` with a compound command's redirects applied: its output sinks, and its input from `<`. */
  private redirected(redirects: Redirect[], stdin: string, io: Io, body: (inner: Io) => number): number {
    let fds: Descriptors | string;
    const opened = this.processFiles.mark();
    try {
      fds = applyRedirects(redirects, { stdin, out: new Map([[1, io.out], [2, io.err]]) }, redirectHostFor(this.shell.host.fs, this.limits.maxFileSize, this.expander(io), io.err));
    } catch (e) {
      if (e instanceof ExpansionError) return failed(io, e.message);
      throw e;
    } finally {
      // `done < <(LIST)` has read the file already.
      this.processFiles.closeFrom(opened);
    }
    if (typeof fds === 'string') return failed(io, fds);
    const input = fds.stdin === stdin && io.input ? io.input : { data: fds.stdin };
    return body({ out: fds.out.get(1) ?? (() => undefined), err: fds.out.get(2) ?? (() => undefined), input });
  }

  /** The body once per word (expanded and split as arguments are); its last status, 0 with no words. */
  private runFor(loop: ForLoop, io: Io, scope: Scope): number {
    let values: string[];
    try {
      values = expandWords(loop.words, this.expander(io));
    } catch (e) {
      if (e instanceof ExpansionError) return failed(io, e.message);
      throw e;
    }
    let status = 0;
    return this.loops.loop(() => {
      for (const value of values) {
        // Each turn counts against the command limit, so an empty-bodied loop is bounded too.
        if (this.halted(scope) || !this.tick(io)) break;
        this.shell.setVar(loop.name, value);
        this.runList(loop.body, io, scope);
        status = this.shell.status;
        if (this.loops.settle() === 'break') break;
      }
      return status;
    });
  }

  /** The body while the condition succeeds (`until`: fails); the body's last status, 0 if it never ran. */
  private runWhile(loop: WhileLoop, io: Io, scope: Scope): number {
    let status = 0;
    return this.loops.loop(() => {
      // Each turn counts against the command limit, so `while true; do :; done` ends too.
      while (!this.halted(scope) && this.tick(io)) {
        this.effects.checked(true, () => this.runList(loop.condition, io, scope));
        const jump = this.loops.settle();
        if (jump === 'break') break;
        if (jump === 'continue') continue;
        if (this.halted(scope) || (this.shell.status === 0) === loop.until) break;
        this.runList(loop.body, io, scope);
        status = this.shell.status;
        if (this.loops.settle() === 'break') break;
      }
      return status;
    });
  }

  /** The body of the first branch whose condition succeeds, else `else`'s; 0 when none ran. */
  private runIf(clause: IfClause, io: Io, scope: Scope): number {
    for (const { condition, body } of clause.branches) {
      this.effects.checked(true, () => this.runList(condition, io, scope));
      if (this.halted(scope)) return this.shell.status;
      if (this.shell.status === 0) return this.runBody(body, io, scope);
    }
    return clause.otherwise ? this.runBody(clause.otherwise, io, scope) : 0;
  }

  private runBody(body: List, io: Io, scope: Scope): number {
    this.runList(body, io, scope);
    return this.shell.status;
  }

  private runSimple(cmd: SimpleCommand, stdin: string, io: Io, scope: Scope): number {
    if (!this.tick(io)) return 1;
    this.substitutionStatus = undefined;
    const opened = this.processFiles.mark();
    try {
      const expander = this.expander(io);
      const argv = expandWords(cmd.words, expander);
      const base: Descriptors = { stdin, out: new Map([[1, io.out], [2, io.err]]) };
      const redirectHost = redirectHostFor(this.shell.host.fs, this.limits.maxFileSize, expander, io.err);
      if (argv.length === 0) {
        for (const a of cmd.assignments) {
          const value = expandWord(a.value, expander);
          this.effects.trace(io.err, [`${a.name}=${shellQuote(value)}`]);
          this.shell.setVar(a.name, value);
        }
        const fds = applyRedirects(cmd.redirects, base, redirectHost);
        if (typeof fds === 'string') return failed(io, fds);
        return this.substitutionStatus ?? 0;
      }
      const assignments = cmd.assignments.map((a) => [a.name, expandWord(a.value, expander)] as const);
      this.effects.trace(io.err, [...assignments.map(([name, value]) => `${name}=${shellQuote(value)}`), ...argv.map(shellQuote)]);
      const fds = applyRedirects(cmd.redirects, base, redirectHost);
      if (typeof fds === 'string') return failed(io, fds);
      const tty = this.soleCommand && io === this.terminal && fds.out.get(1) === io.out;
      // `read` takes its line from the shared input, unless this command has its own (`<<<`, `<`).
      const input = fds.stdin === base.stdin && io.input ? io.input : { data: fds.stdin };
      // `command NAME ...` and `builtin NAME ...` run NAME past any function of that name.
      const bypass = (argv[0] === 'command' && argv.length > 1 && !argv[1]!.startsWith('-')) || (argv[0] === 'builtin' && isBashBuiltin(this.shell, argv[1]));
      const words = bypass ? argv.slice(1) : argv;
      const fn = bypass ? undefined : this.shell.functions.get(words[0]!);
      if (fn) return this.call(fn, words, Object.fromEntries(assignments), { out: fds.out.get(1) ?? (() => undefined), err: fds.out.get(2) ?? (() => undefined), input }, scope);
      const result = this.invoke(words, Object.fromEntries(assignments), fds.stdin, scope, tty, input);
      for (const chunk of orderedChunks(result)) fds.out.get(chunk.stream === 'stdout' ? 1 : 2)?.(chunk.text);
      return result.exitCode;
    } catch (e) {
      if (e instanceof ExpansionError) return this.expansionFailed(io, scope, e);
      throw e;
    } finally {
      this.processFiles.closeFrom(opened);
    }
  }

  /** A function call: its body runs in this shell with `$1`... set to the arguments, its output where the call's goes. */
  private call(body: CompoundCommand, argv: string[], prefix: Record<string, string>, io: Io, scope: Scope): number {
    if (this.calls.depth >= MAX_FUNCTION_DEPTH) return failed(io, `bash: ${argv[0]}: maximum function nesting level exceeded (${MAX_FUNCTION_DEPTH})`);
    return withTemporaryVars(this.shell, prefix, () => this.calls.call(argv[0]!, argv.slice(1), () => this.runCommand(body, io.input?.data ?? '', io, scope)));
  }

  private invoke(argv: string[], prefix: Record<string, string>, stdin: string, scope: Scope, tty = false, input: Input = { data: stdin }): CommandResult {
    const name = argv[0]!;
    const builtin = Object.hasOwn(shellBuiltins, name) ? shellBuiltins[name] : undefined;
    if (builtin) return this.normalise(withTemporaryVars(this.shell, prefix, () => builtin.run(argv.slice(1), this.scopedApi(scope, input))));
    const command = this.shell.command(name);
    if (!command) {
      if (this.dialect === 'ash') return fail(`sh: ${name}: not found\n`, 127);
      if (name.includes('/')) return fail(`bash: ${name}: No such file or directory\n`, 127);
      return fail(`bash: ${name}: command not found\n`, 127);
    }
    const env = { ...this.shell.environment(), ...prefix };
    // A program another one starts (xargs's): no shell builtins, and each counts as a command.
    const exec = (child: string[], input: string) => {
      const program = this.shell.command(child[0] ?? '');
      if (!program || !this.tick(this.terminal)) return program ? fail('', 1) : undefined;
      return this.normalise(program({ argv: child.slice(1), stdin: input, env, host: this.shell.host, exec, script }));
    };
    const script = (text: string, input: string, args?: readonly string[]) => this.childShell(text, input, args);
    // Commands get their arguments without their own name: `kubectl get pods` → [get, pods].
    try {
      return this.normalise(command({ argv: argv.slice(1), stdin, env, host: this.shell.host, exec, script, ...(tty ? { tty } : {}) }));
    } catch (e) {
      // A command bug must not take the terminal down; report it like a crashed process.
      return fail(`${name}: internal error: ${e instanceof Error ? e.message : String(e)}\n`, 1);
    }
  }

  /** Builtins see the shell, except that `exit` in a subshell only ends that subshell. */
  private scopedApi(scope: Scope, input: Input): ShellApi {
    const api = Object.create(this.shell) as ShellApi;
    api.input = input;
    api.exit = (code: number) => {
      scope.exited = true;
      if (!scope.subshell) this.shell.exit(code);
    };
    api.jump = (kind, args) => this.loops.request(kind, args);
    api.source = (text, args) => this.calls.sourcing(() => this.withPositional(args, () => this.sourced(text, scope, input)));
    api.returnFrom = (args) => this.calls.returnBuiltin(args, api);
    api.local = (args) => this.calls.localBuiltin(args, api);
    return api;
  }

  /** `source FILE ARGS`: with arguments, they are `$1`... while the file runs; without, `$1`... stay. */
  private withPositional<T>(args: readonly string[], body: () => T): T {
    if (args.length === 0) return body();
    const outer = this.shell.positional;
    this.shell.setPositional(args);
    try {
      return body();
    } finally {
      this.shell.setPositional(outer);
    }
  }

  /** `source FILE`: its lines run in this shell (variables, `cd`, `exit` stay); what they print comes back in order. */
  private sourced(text: string, scope: Scope, input: Input, aliases = this.shell.aliases): CommandResult {
    const captured = capturedStreams();
    const io: Io = { out: captured.out, err: captured.err, input };
    const parsed = parseScript(text, aliases);
    for (const line of parsed.lines) if (!this.halted(scope)) this.runList(line, io, scope);
    if (parsed.error !== undefined && !this.halted(scope)) {
      io.err(`${parsed.error}\n`);
      this.shell.recordStatus(2);
    }
    return captured.result(this.shell.status);
  }

  /** A child shell: only exported variables, no options or aliases; nothing it changes comes back. */
  private childShell(text: string, stdin: string, args: readonly string[] = []): CommandResult {
    let result!: CommandResult;
    const parentArg0 = this.arg0;
    this.inSubshell(() => {
      for (const v of this.shell.variables()) if (!v.exported) this.shell.unsetVar(v.name);
      this.shell.options.clear();
      this.shell.functions.clear();
      this.arg0 = args[0] ?? parentArg0;
      this.shell.setPositional(args.slice(1));
      result = this.calls.detached(() => this.sourced(text, { exited: false, subshell: true }, { data: stdin }, new Map()));
      return result.exitCode;
    });
    this.arg0 = parentArg0;
    return result;
  }


  private expander(io: Io): ExpandHost {
    return {
      lookup: (name) => this.lookup(name),
      assign: (name, value) => this.shell.setVar(name, value),
      substitute: (body) => this.substitute(body, io),
      home: () => this.shell.getVar('HOME') ?? '/root',
      maxLength: this.limits.maxOutput,
      nounset: this.shell.options.has('nounset'),
      glob: (pattern) => globPaths(pattern, this.shell.host.fs),
      positional: () => this.shell.positional,
      processSubstitution: (body) => this.processFile(body, io),
    };
  }

  /**
   * `<(LIST)`: LIST runs in a subshell, and what it printed waits at /dev/fd/63 (62, ...) until
   * the command that named the path is done (see closeProcessFiles).
   */
  private processFile(body: List, io: Io): string {
    let captured = '';
    const scope: Scope = { exited: false, subshell: true };
    this.inSubshell(() => {
      this.runList(body, { out: (t) => (captured = this.bound(captured + t)), err: io.err }, scope);
      return this.shell.status;
    });
    return this.processFiles.open(captured);
  }

  /** `$(...)` runs in a subshell; its stdout is captured, its stderr reaches the terminal. */
  private substitute(body: List, io: Io): string {
    let captured = '';
    const scope: Scope = { exited: false, subshell: true };
    const status = this.effects.substitution(() =>
      this.inSubshell(() => {
        this.runList(body, { out: (t) => (captured = this.bound(captured + t)), err: io.err }, scope);
        return this.shell.status;
      }),
    );
    this.substitutionStatus = status;
    return captured;
  }

}
