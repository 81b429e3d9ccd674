import { describe, expect, test } from 'vitest';
import { Session } from '../../../src/cli/session';
import { compile } from '../../../src/engine/apps/sh-parse';

/** The busybox shell of a container: what `kubectl logs` shows of a pod's `sh -c` script. */
function logsOf(script: string, seconds = 15): string {
  const s = new Session({ seed: 1 });
  s.run(`kubectl run p --image=busybox --restart=Never -- sh -c '${script}'`);
  s.run(`sleep ${seconds}`);
  return s.run('kubectl logs p').output;
}

describe("a busybox container's sh (the same lines dash prints, apart from its name in errors)", () => {
  test('the counter pod of the logging docs counts, one line a second, with the date', () => {
    const s = new Session({ seed: 1 });
    s.run(`kubectl run counter --image=busybox -- sh -c 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'`);
    s.run('sleep 15');
    expect(s.run('kubectl logs counter --tail=2').output).toMatch(/^13: Thu Jan {2}1 00:00:13 UTC 2026\n14: Thu Jan {2}1 00:00:14 UTC 2026\n$/);
  });

  test('variables, arithmetic, for loops, command substitution and field splitting', () => {
    expect(logsOf('for i in 1 2 3; do echo $i; done; x=5; echo $x; echo $((2+3)); L="a b"; for w in $L; do echo "<$w>"; done; echo "$L" `hostname`')).toBe(
      '1\n2\n3\n5\n5\n<a>\n<b>\na b p\n',
    );
    expect(logsOf('n=0; until [ $n -ge 3 ]; do n=$((n+1)); done; echo "n=$n"; e=; echo "[$e]" $e end')).toBe('n=3\n[] end\n');
    expect(logsOf('A=1 printenv A; echo "[$A]"; B=2; echo $B')).toBe('1\n[]\n2\n');
    expect(logsOf('if [ -f /etc/hostname ]; then echo file; fi; [ -d /etc ] && echo dir; test -z "$e" && echo empty; [ -e /nope ] || echo none')).toBe('file\ndir\nempty\nnone\n');
  });

  test('${x:-default} and the other default forms, ${#x}', () => {
    expect(logsOf('echo "${P:-8080}" ${#HOSTNAME}; P=; echo "[${P:-d}][${P-d}][${P:+set}]"; echo ${Q:=7} $Q; for w in ${R:-a b}; do echo "<$w>"; done; echo "${HOSTNAME:+host is $HOSTNAME}"')).toBe(
      '8080 1\n[d][][]\n7 7\n<a>\n<b>\nhost is p\n',
    );
  });

  test('break and continue (with a count) and elif chains', () => {
    expect(
      logsOf(
        'i=0; while true; do i=$((i+1)); if [ $i -ge 3 ]; then break; fi; done; echo "i=$i"; for x in a b c d; do [ $x = b ] && continue; [ $x = d ] && break; echo $x; done; ' +
          'for o in 1 2; do for n in x y; do [ $n = y ] && continue 2; echo $o$n; done; echo never; done; ' +
          'x=2; if [ $x = 1 ]; then echo a; elif [ $x = 2 ]; then echo b; elif [ $x = 3 ]; then echo c; else echo d; fi; if false; then echo no; elif false; then echo no2; fi; echo "st=$?"; break; echo out',
      ),
    ).toBe('i=3\na\nc\n1x\n2x\nb\nst=0\nout\n');
  });

  test('an arithmetic error ends the script with status 2', () => {
    const s = new Session({ seed: 1 });
    s.run(`kubectl run p --image=busybox --restart=Never -- sh -c 'echo before; echo $((1/0)); echo after'`);
    s.run('sleep 10');
    expect(s.run('kubectl logs p').output).toBe('before\nsh: divide by zero\n');
    expect(s.run("kubectl get pod p -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}'").output).toBe('2');
  });

  test('kubectl exec runs the same shell', () => {
    const s = new Session({ seed: 1 });
    s.run('kubectl run c --image=busybox -- sleep 3600');
    s.run('sleep 10');
    expect(s.run(`kubectl exec c -- sh -c 'echo $((1+2)); i=3; echo $i; echo $(hostname)'`).output).toBe('3\n3\nc\n');
  });

  test('a script compiles to plain data (it survives a snapshot while it sleeps)', () => {
    const prog = compile('for i in a b; do echo "$i $(date)"; sleep 1; done');
    expect(JSON.parse(JSON.stringify(prog))).toEqual(prog);
  });
});
