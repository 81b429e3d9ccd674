import { expect, test } from 'vitest';
import { Session } from '../../../src/cli/session';

/** One line in a fresh terminal; the expectations are what `bash -c LINE` prints (less its `line 1:`). */
const run = (line: string) => new Session({ seed: 1 }).run(line).output;

test('set -x traces each command after expansion, ++ inside $(...)', () => {
  expect(run('set -x; echo "a b" $((1+2)); x=$(echo hi); set +x')).toBe("+ echo 'a b' 3\na b 3\n++ echo hi\n+ x=hi\n+ set +x\n");
});

test('set -e stops at a failure outside conditions, && / || lists but their last, and negations', () => {
  expect(run('set -e; false; echo never')).toBe('');
  expect(run('(set -e; false; echo in-subshell) ; echo "rc=$?"')).toBe('rc=1\n');
  expect(run('set -e; if false; then :; fi; false || echo handled; ! true; echo survived')).toBe('handled\nsurvived\n');
  expect(run('set -e; { false; echo no; } || echo caught')).toBe('no\n');
});

test('set -o pipefail, set -u, set -o and bad options', () => {
  expect(run('set -o pipefail; false | true; echo "pf=$?"; set +o pipefail; false | true; echo "nopf=$?"')).toBe('pf=1\nnopf=0\n');
  expect(run('set -u; echo ${nope:-default}; echo $nope; echo "rc=$?"')).toBe('default\nbash: nope: unbound variable\n');
  expect(run('set -e -o pipefail; set -o | grep -E "errexit|pipefail|xtrace"')).toBe('errexit        \ton\npipefail       \ton\nxtrace         \toff\n');
  expect(run('set -q; echo "rc=$?"')).toBe('bash: set: -q: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\nrc=2\n');
  expect(run('set -o bogus; echo "rc=$?"')).toBe('bash: set: bogus: invalid option name\nrc=2\n');
  // `set -- a b` sets $1 and $2; `set --` alone clears them.
  expect(run('set -- a b; echo "rc=$? $2 $#"; set --; echo "rc=$? $#"')).toBe('rc=0 b 2\nrc=0 0\n');
});
