import { describe, expect, it } from 'vitest';
import { isIncomplete } from '../../../src/cli/shell/parser';
import { sh } from './helpers';

describe('[[ ]], bash conditional command', () => {
  it.each([
    ['x=web-1; [[ $x == web-* ]]', 0],
    ['x=web-1; [[ $x == "web-*" ]]', 1],
    ['x=web-1; p="web-*"; [[ $x == $p ]]', 0],
    ['x=web-1; p="web-*"; [[ $x == "$p" ]]', 1],
    ['[[ abc != a?c ]]', 1],
    ['v="two words"; [[ $v == "two words" ]]', 0],
    ['[[ -z $unset && -n x ]]', 0],
    ['[[ -n "" || ! -e /nowhere ]]', 0],
    ['[[ ( a == b ) || ( c == c && d == e ) ]]', 1],
    ['[[ 2+3 -eq 5 ]]', 0],
    ['n=4; [[ n*2 -gt 7 ]]', 0],
    ['[[ 10 -lt 9 ]]', 1],
    ['[[ abc < abd ]]', 0],
    ['[[ b > c ]]', 1],
    ['[[ "" ]]', 1],
    ['echo x > f; [[ -d / && -f f && -s f && -s / && ! -d f ]]', 0],
    ['export K=1; [[ -v K && ! -v NOPE ]]', 0],
  ])('%s exits %i', (source, code) => {
    expect(sh(source).code).toBe(code);
  });

  it('matches extended regular expressions with =~, quoted parts literally, and sets BASH_REMATCH', () => {
    expect(sh('[[ web-7f9c =~ ^web-([0-9a-f]+)$ ]] && echo "$BASH_REMATCH"').out).toBe('web-7f9c\n');
    expect(sh('[[ a.c =~ "a.c" ]] && [[ abc =~ "a.c" ]]; echo $?').out).toBe('1\n');
    expect(sh('[[ abc =~ [[:alpha:]]{3} ]] && echo ok').out).toBe('ok\n');
    // An invalid regex is status 2, with no message, as bash does.
    expect(sh('[[ x =~ ( ]]; echo $?').out).toBe('2\n');
  });

  it('loops until a condition holds, the idiom for waiting on a cluster', () => {
    expect(sh('i=0; while [[ $i -lt 3 ]]; do i=$((i+1)); done; echo $i').out).toBe('3\n');
  });

  it("reports syntax errors as bash's conditional parser words them, and waits for the closing ]] on another line", () => {
    const error = (source: string, message: string) => expect(sh(source)).toEqual({ out: message === '' ? '' : `bash: ${message}\n`, code: 2 });
    error('[[ a b ]]', 'conditional binary operator expected');
    error('[[ -f ]]', "unexpected argument `]]' to conditional unary operator");
    error('[[ a == ]]', "unexpected argument `]]' to conditional binary operator");
    error('[[ ( a ]]', "unexpected token `]]', expected `)'");
    error('[[ && a ]]', "unexpected token `&&' in conditional command");
    error('[[ a == b c ]]', 'syntax error in conditional expression');
    error('[[ -n == x ]]', 'syntax error in conditional expression');
    error('[[ ]]', '');
    error('[[ a && ]]', '');
    expect(sh(']]').out).toBe("bash: syntax error near unexpected token `]]'\n");
    expect(isIncomplete('[[ -n x &&')).toBe(true);
    expect(sh('[[ -n x &&\n-n y ]] && echo both').out).toBe('both\n');
  });

  it('an arithmetic operand bash cannot read is an expansion error: `[[:` and status 1', () => {
    expect(sh('[[ 1a -eq 2 ]]; echo $?').out).toBe('bash: [[: 1a: value too great for base (error token is "1a")\n1\n');
    expect(sh('[[ 08 -eq 8 ]]; echo $?').out).toBe('bash: [[: 08: value too great for base (error token is "08")\n1\n');
    expect(sh('[[ 1+ -eq 2 ]]; echo $?').out).toBe('bash: [[: 1+: syntax error: operand expected (error token is "+")\n1\n');
  });

  it('patterns know POSIX classes, in [[ ]] and case alike', () => {
    expect(sh('x=abc; [[ $x == [[:lower:]]* ]] && echo lower').out).toBe('lower\n');
    expect(sh('[[ a == [[:digit:][:upper:]] ]]; echo $?').out).toBe('1\n');
    expect(sh('case 7 in [[:digit:]]) echo digit;; esac').out).toBe('digit\n');
  });
});
