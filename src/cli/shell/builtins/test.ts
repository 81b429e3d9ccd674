import { evaluateTest, TestError } from '../../../engine/apps/test-expr';
import { type Command, type CommandContext, type CommandResult, fail, ok } from '../../types';

export { INTEGER_OPS } from '../../../engine/apps/test-expr';

/**
 * `test EXPR` and `[ EXPR ]` (test-expr.ts) against the workstation's file system: status 0 true,
 * 1 false, 2 on a malformed expression, with bash's message.
 */
export const testCommand: Command = (ctx) => evaluate(ctx, ctx.argv, 'test');

export const bracketCommand: Command = (ctx) => {
  if (ctx.argv[ctx.argv.length - 1] !== ']') return fail("bash: [: missing `]'\n", 2);
  return evaluate(ctx, ctx.argv.slice(0, -1), '[');
};

function evaluate(ctx: CommandContext, args: string[], name: string): CommandResult {
  const { fs } = ctx.host;
  const files = { exists: (p: string) => fs.exists(p), isDir: (p: string) => fs.isDir(p), size: (p: string) => (fs.isDir(p) ? 0 : (fs.read(p) ?? '').length) };
  try {
    return evaluateTest(args, files) ? ok() : fail('');
  } catch (e) {
    if (e instanceof TestError) return fail(`bash: ${name}: ${e.message}\n`, 2);
    throw e;
  }
}
