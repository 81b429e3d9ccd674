import { expect, test } from 'vitest';
import { Session } from '../../../src/cli/session';
import { sessionOutputs } from './helpers';

// Every expectation is what bash 5.2 prints for the same input.
const run = (script: string) => new Session({ seed: 1 }).run(script).output;

test('a function takes its arguments as $1, $2, $# and "$@", and the caller keeps its own', () => {
  expect(run('f() { echo "$#:$1:$2"; }; f "a b" c')).toBe('2:a b:c\n');
  expect(run('set -- x "y z"; for a in "$@"; do echo "<$a>"; done; echo "<$*>"; IFS=,; echo "<$*>"')).toBe('<x>\n<y z>\n<x y z>\n<x,y z>\n');
  expect(run('count() { echo $#; }; set -- a "b c"; count "$@"; count "$@" extra; count; count "$@x"; echo "$1|$#"')).toBe('2\n3\n0\n2\na|2\n');
  expect(run('set -- a b c; shift; echo "$1 $#"; shift 5; echo "st=$? $#"; shift x; echo "st=$?"')).toBe(
    'b 2\nst=1 2\nbash: shift: x: numeric argument required\nst=1\n',
  );
  expect(run('set -- 1 2 3 4 5 6 7 8 9 ten; echo ${10} $9; set --; echo "[$#][$@]"')).toBe('ten 9\n[0][]\n');
});

test('local variables last until the call returns, and return ends it with a status', () => {
  expect(run('greet() { local name=${1:-world}; echo "hello $name"; return 3; }; name=outer; greet; echo "st=$?"; greet you; echo $name')).toBe(
    'hello world\nst=3\nhello you\nouter\n',
  );
  expect(run('f() { local x; echo "[$x]"; local x=2; local x; echo "[$x]"; return 300; }; x=1; f; echo "f=$? x=$x"')).toBe('[]\n[2]\nf=44 x=1\n');
  expect(run('f() { for i in 1 2 3; do [ $i = 2 ] && return; echo $i; done; echo never; }; f; echo "st=$?"')).toBe('1\nst=0\n');
  expect(run('f() { x=$(return 3; echo no); echo "after $? [$x]"; ( return 4; echo no ); echo "sub $?"; }; f; echo "f=$?"')).toBe('after 3 []\nsub 4\nf=0\n');
  expect(run('g() { return abc; }; g; echo "g=$?"')).toBe('bash: return: abc: numeric argument required\ng=2\n');
  expect(run('return 1; echo "r=$?"; local z; echo "l=$?"')).toBe(
    "bash: return: can only `return' from a function or sourced script\nr=2\nbash: local: can only be used in a function\nl=1\n",
  );
});

test('functions call each other and themselves, and their output goes where the call sends it', () => {
  expect(run('fact() { if (( $1 <= 1 )); then echo 1; else local p=$(fact $(( $1 - 1 ))); echo $(( $1 * p )); fi; }; fact 5')).toBe('120\n');
  expect(run('function k { echo "k: $*"; }; k get pods; unset -f k; k')).toBe('k: get pods\nbash: k: command not found\n');
  expect(run('g() { echo out; echo err >&2; }; g 2>/dev/null | tr a-z A-Z')).toBe('OUT\n');
  expect(run('h() { echo "[$1]"; } > h.txt; h one; cat h.txt')).toBe('[one]\n');
  expect(run('outer() { echo "in $FUNCNAME"; inner; echo "back in $FUNCNAME"; }; inner() { echo "in $FUNCNAME"; }; outer; echo "[$FUNCNAME]"')).toBe('in outer\nin inner\nback in outer\n[]\n');
  expect(run('r() { r; }; r')).toBe('bash: r: maximum function nesting level exceeded (200)\n');
});

test('a function defined on one line is there for the next; one defined in a subshell is not', () => {
  expect(sessionOutputs(['k() { kubectl "$@"; }', 'k get ns default --no-headers', '(g() { echo g; }); g'])).toEqual([
    '',
    'default   Active   0s\n',
    'bash: g: command not found\n',
  ]);
});

test('"$@" with no parameters is no word at all; for x; do loops over them; source FILE ARGS sets them while it runs', () => {
  expect(run('c() { echo $#; }; set --; c "$@"; c "${@}"; for a in "$@"; do echo "iter[$a]"; done; echo end')).toBe('0\n0\nend\n');
  expect(run('set -- a b c; for x; do echo "it:$x"; done; f() { for x; do echo "f:$x"; done; }; f p q')).toBe('it:a\nit:b\nit:c\nf:p\nf:q\n');
  expect(run(`printf 'echo "src:$# $1"\\n' > src.sh; set -- a b c; source src.sh p q; echo "after:$#"`)).toBe('src:2 p\nafter:3\n');
});

test('command and builtin run past a function of the same name; command -v says what would run; unset NAME removes a function', () => {
  expect(run('echo() { builtin echo "wrapped:$*"; }; echo hi; unset -f echo; echo plain')).toBe('wrapped:hi\nplain\n');
  expect(run('kubectl() { echo "k: $*"; command kubectl "$@"; }; kubectl get ns default --no-headers')).toBe('k: get ns default --no-headers\ndefault   Active   0s\n');
  expect(run('f() { :; }; command -v kubectl; command -v cd; command -v f; command -v nope; echo "rc=$?"; builtin nope; echo "rc=$?"')).toBe(
    '/usr/local/bin/kubectl\ncd\nf\nrc=1\nbash: builtin: nope: not a shell builtin\nrc=1\n',
  );
  expect(run('g() { echo g; }; unset g; g')).toBe('bash: g: command not found\n');
});

test('bash -c SCRIPT NAME ARGS gives the child $0 and $1...; xargs can pass arguments that way', () => {
  expect(run(`bash -c 'echo "$0 $1 $#"' a0 a1 a2; sh -c 'echo $0'`)).toBe('a0 a1 2\nsh\n');
  expect(run(`printf 'a\\nb\\n' | xargs -n1 sh -c 'echo "got $1"' _`)).toBe('got a\ngot b\n');
  expect(run(`printf 'echo "$0:$1"\\n' > s.sh; bash s.sh one`)).toBe('s.sh:one\n');
  // The child is in no call of its parent's.
  expect(run(`f() { bash -c 'return 1; echo "still $?"'; echo "f sees $?"; }; f`)).toBe("bash: return: can only `return' from a function or sourced script\nstill 2\nf sees 0\n");
});
