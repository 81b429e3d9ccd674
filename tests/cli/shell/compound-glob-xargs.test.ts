import { describe, expect, it } from 'vitest';
import { isIncomplete } from '../../../src/cli/shell/parser';
import { sh } from './helpers';

describe('compound commands, globbing, seq and xargs', () => {
  it('runs case clauses: the first item with a matching pattern, quoted characters literal', () => {
    expect(sh('x=web-1; case $x in db*) echo db;; web-*|api-*) echo web;; *) echo other;; esac').out).toBe('web\n');
    expect(sh('case a.yaml in *.yml) echo yml;; *.yaml) echo yaml; esac').out).toBe('yaml\n');
    expect(sh('case x in "*") echo star;; \\*) echo esc;; x) echo x;; esac').out).toBe('x\n');
    expect(sh('case foo in\n  f?o)\n    echo matched\n    ;;\nesac').out).toBe('matched\n');
    expect(sh('false; case a in b) echo no;; esac; echo $?').out).toBe('0\n');
    expect(sh('false; case a in (a) ;; esac; echo $?').out).toBe('0\n');
    expect(sh('for p in Running Pending; do case $p in Running) echo up;; *) echo down;; esac; done').out).toBe('up\ndown\n');
    expect(isIncomplete('case x in')).toBe(true);
    expect(sh('esac')).toEqual({ out: "bash: syntax error near unexpected token `esac'\n", code: 2 });
    // bash 4's ;& falls through into the next body; ;;& tests the next patterns too.
    expect(sh('case a in a) echo one;& b) echo fall;; c) echo no;; esac').out).toBe('one\nfall\n');
    expect(sh('case ab in a*) echo A;;& *b) echo B;;& c) echo C;; esac').out).toBe('A\nB\n');
    expect(sh('echo x ;& echo y')).toEqual({ out: "bash: syntax error near unexpected token `;&'\n", code: 2 });
  });

  it('runs { } groups in this shell and ( ) subshells apart from it, each with its own redirects', () => {
    expect(sh('{ echo a; echo b; } | wc -l').out).toBe('2\n');
    expect(sh('{ echo one; echo two; } > f; cat f').out).toBe('one\ntwo\n');
    expect(sh('x=1; { x=2; }; echo $x').out).toBe('2\n');
    expect(sh('x=1; (x=2; cd /tmp; echo in $x); echo out $x; pwd').out).toBe('in 2\nout 1\n/root\n');
    expect(sh('(exit 3); echo $?').out).toBe('3\n');
    expect(sh('(echo err >&2) 2>/dev/null; echo after').out).toBe('after\n');
    expect(sh('echo } {').out).toBe('} {\n');
    expect(sh('( )')).toEqual({ out: "bash: syntax error near unexpected token `)'\n", code: 2 });
    expect(sh('}')).toEqual({ out: "bash: syntax error near unexpected token `}'\n", code: 2 });
    expect(isIncomplete('{ echo a')).toBe(true);
    expect(isIncomplete('(echo a')).toBe(true);
  });

  it('expands unquoted wildcards to the matching paths, sorted, and leaves a pattern without matches as written', () => {
    const setup = 'touch a.yaml b.yaml c.txt .hidden.yaml; mkdir -p d/e; touch d/x.yaml d/e/y.yaml; ';
    expect(sh(`${setup}echo *.yaml`).out).toBe('a.yaml b.yaml\n');
    expect(sh(`${setup}echo "*.yaml" \\*.yaml '*'.yaml`).out).toBe('*.yaml *.yaml *.yaml\n');
    expect(sh(`${setup}echo *.none; echo .*.yaml`).out).toBe('*.none\n.hidden.yaml\n');
    expect(sh(`${setup}echo d/*.yaml */*.yaml d/*/*.yaml`).out).toBe('d/x.yaml d/x.yaml d/e/y.yaml\n');
    expect(sh(`${setup}echo [ab].yaml [!a].yaml ?.txt`).out).toBe('a.yaml b.yaml b.yaml c.txt\n');
    expect(sh(`${setup}p='*.txt'; echo $p "$p"`).out).toBe('c.txt *.txt\n');
    expect(sh(`${setup}cd d; echo ../*.txt $PWD/*.yaml`).out).toBe('../c.txt /root/d/x.yaml\n');
    expect(sh(`${setup}rm *.yaml; ls`).out).toBe('c.txt\nd\n');
    // `[` alone is no bracket expression, so the test command keeps its name.
    expect(sh(`${setup}[ -f c.txt ] && echo ok`).out).toBe('ok\n');
  });

  it('globs a trailing slash to directories only, after a tilde, and in redirect targets only to one file', () => {
    const setup = 'mkdir d1; touch f1 a.yaml; ';
    expect(sh(`${setup}echo */; ls -d */`).out).toBe('d1/\nd1/\n');
    expect(sh('touch f; echo */').out).toBe('*/\n');
    expect(sh(`${setup}cd /tmp; echo ~/*.yaml ~/d*/ ~`).out).toBe('/root/a.yaml /root/d1/ /root\n');
    expect(sh(`${setup}touch b.yaml; echo y > *.yaml; echo $?`).out).toBe('bash: *.yaml: ambiguous redirect\n1\n');
    expect(sh(`${setup}echo hi > *.yaml; cat a.yaml`).out).toBe('hi\n');
    expect(sh('f="x z"; echo q > $f; echo $?').out).toBe('bash: $f: ambiguous redirect\n1\n');
    expect(sh('f="x z"; cat <<EOF\n$f *\nEOF').out).toBe('x z *\n');
  });

  it('xargs parses options as getopt does and shows -t commands quoted for a shell', () => {
    expect(sh('echo a b | xargs -rn1 echo got').out).toBe('got a\ngot b\n');
    expect(sh('echo x | xargs -t echo --wait=false "it s" "it\'s"').out).toBe("echo '--wait=false' 'it s' 'it'\\''s' x\n--wait=false it s it's x\n");
    expect(sh('echo a | xargs -Q')).toEqual({ out: "xargs: invalid option -- 'Q'\nTry 'xargs --help' for more information.\n", code: 1 });
    expect(sh('echo a | xargs --foo').out).toBe("xargs: unrecognized option '--foo'\nTry 'xargs --help' for more information.\n");
    expect(sh('echo a | xargs -n').out).toBe("xargs: option requires an argument -- 'n'\nTry 'xargs --help' for more information.\n");
    expect(sh('echo a | xargs -n x').out).toBe('xargs: invalid number "x" for -n option\nTry \'xargs --help\' for more information.\n');
    expect(sh('printf "a b\\nc\\n" | xargs -L 1 echo L').out).toBe('L a b\nL c\n');
    expect(sh('printf "1,2,3" | xargs -d, echo').out).toBe('1 2 3\n');
    expect(sh('printf "x\\n" | xargs -n1 -I{} echo {}').out).toBe('xargs: warning: options --max-args and --replace/-I/-i are mutually exclusive, ignoring previous --max-args value\nx\n');
  });

  it('seq counts and xargs runs a program per batch of input items', () => {
    expect(sh('seq 3; seq 2 2 7; seq -w 8 10; seq -s, 1 4').out).toBe('1\n2\n3\n2\n4\n6\n08\n09\n10\n1,2,3,4\n');
    expect(sh('seq 0.5 0.5 2').out).toBe('0.5\n1.0\n1.5\n2.0\n');
    expect(sh('seq')).toEqual({ out: "seq: missing operand\nTry 'seq --help' for more information.\n", code: 1 });
    expect(sh('for i in $(seq 1 3); do echo n$i; done').out).toBe('n1\nn2\nn3\n');
    expect(sh('echo a b c | xargs echo got').out).toBe('got a b c\n');
    expect(sh('printf "a\\nb c\\n" | xargs -n 1 echo got').out).toBe('got a\ngot b\ngot c\n');
    expect(sh('printf "x\\ny\\n" | xargs -I {} echo item-{}-end').out).toBe('item-x-end\nitem-y-end\n');
    expect(sh('echo "\'a b\'" c | xargs -n 1 echo').out).toBe('a b\nc\n');
    expect(sh('echo | xargs echo empty; echo | xargs -r echo none').out).toBe('empty\n');
    expect(sh('echo x | xargs nope; echo $?').out).toBe('xargs: nope: No such file or directory\n127\n');
    expect(sh('echo x | xargs cd; echo $?').out).toBe('xargs: cd: No such file or directory\n127\n');
    expect(sh('echo x y | xargs -n1 false; echo $?').out).toBe('123\n');
    expect(sh("echo \"it's\" | xargs echo").out).toBe('xargs: unmatched single quote; by default quotes are special to xargs unless you use the -0 option\n');
  });
});
