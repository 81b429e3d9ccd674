import { describe, expect, it } from 'vitest';
import { sh } from './helpers';

describe('read, and input through compound commands', () => {
  it.each([
    ['printf "a b c\\nd  e\\nlast" > f; while read x; do echo "[$x]"; done < f', '[a b c]\n[d  e]\n'],
    ['printf "a b c\\nd  e\\n" > f; while read x y; do echo "$x|$y"; done < f', 'a|b c\nd|e\n'],
    ['printf "one\\ntwo\\n" | { read a; read b; echo "$b $a"; }', 'two one\n'],
    ['echo "  spaced  out  " | { read; echo "[$REPLY]"; }', '[  spaced  out  ]\n'],
    ['echo "  spaced  out  " | { read v; echo "[$v]"; }', '[spaced  out]\n'],
    ["echo 'a\\ b c' | { read x y; echo \"[$x] [$y]\"; }", '[a b] [c]\n'],
    ["echo 'a\\ b c' | { read -r x y; echo \"[$x] [$y]\"; }", '[a\\] [b c]\n'],
    ['echo "root:x:0:0" | { IFS=: read u p uid gid; echo "$u $uid"; }', 'root 0\n'],
    ['echo hi | read v; echo "v=[$v]"', 'v=[]\n'],
    ['printf "x\\n" | while read line; do echo "got $line"; done; echo after', 'got x\nafter\n'],
  ])('%s', (source, expected) => {
    expect(sh(source).out).toBe(expected);
  });

  it('refuses what bash refuses', () => {
    expect(sh('read 1x')).toEqual({ out: "bash: read: `1x': not a valid identifier\n", code: 1 });
    expect(sh('read -z').code).toBe(2);
    expect(sh('read -z').out).toMatch(/^bash: read: -z: invalid option\nread: usage: read \[-ers\]/);
    expect(sh('read x < /dev/null; echo $?').out).toBe('1\n');
  });

  it('redirects after done, fi, esac and ]] apply to the whole compound command', () => {
    expect(sh('for i in 1 2; do echo $i; done > out; cat out').out).toBe('1\n2\n');
    expect(sh('if true; then echo oops >&2; fi 2>/dev/null; echo done').out).toBe('done\n');
    expect(sh('case x in x) echo casey;; esac >> log; case y in y) echo again;; esac >> log; cat log').out).toBe('casey\nagain\n');
    expect(sh('[[ -n x ]] > out && echo ok').out).toBe('ok\n');
    expect(sh('while read n; do echo $((n * 2)); done <<< 21').out).toBe('42\n');
  });

  it('splits unquoted expansions on IFS as bash does', () => {
    expect(sh('IFS=,; x="a,b,,c"; for f in $x; do echo "[$f]"; done').out).toBe('[a]\n[b]\n[]\n[c]\n');
    expect(sh('IFS=": "; x="a: b:c"; for f in $x; do echo "[$f]"; done').out).toBe('[a]\n[b]\n[c]\n');
    expect(sh('x=",a,"; IFS=,; for f in $x; do echo "[$f]"; done').out).toBe('[]\n[a]\n');
    expect(sh('IFS=; x="a b"; for f in $x; do echo "[$f]"; done').out).toBe('[a b]\n');
    expect(sh('x="  a  b "; for f in $x; do echo "[$f]"; done').out).toBe('[a]\n[b]\n');
  });

  it("expands $'...' (ANSI-C quoting), the usual way to set IFS to a newline", () => {
    expect(sh("x=$'a\\nb'; echo \"$x\"").out).toBe('a\nb\n');
    expect(sh("printf '%s|' $'tab\\there' $'q\\'s' $'\\x41\\101\\u00e9'").out).toBe('tab\there|q\'s|AAé|');
    expect(sh("IFS=$'\\n'; for l in $(printf 'a b\\nc d\\n'); do echo \"[$l]\"; done").out).toBe('[a b]\n[c d]\n');
    expect(sh('echo "$\'kept\'"').out).toBe("$'kept'\n");
  });
});
