import { expect, test } from 'vitest';
import { sessionOutputs } from './helpers';

// The expectations are what bash 5.2 prints for the same lines.
const outputs = sessionOutputs;

test('${NAME#pattern} and friends: prefixes, suffixes, replacements, substrings and case, as bash', () => {
  expect(
    outputs([
      'p=pod/web-abc-123',
      'echo ${p#pod/} ${p##*-} ${p%-*} ${p%%-*} ${p:4:3} ${p/web/api} ${p//-/_} ${p^^}',
      'echo "${p#*/}" "${p: -3}" "${p:4}" "${p/#pod/POD}" "${p/%123/xyz}" "${p,,}"',
      'x=Hello; echo ${x^} ${x,} ${x,,}',
      'f=archive.tar.gz; echo ${f%.*} ${f%%.*} ${f#*.} ${f##*.}',
      `pat='*-'; echo \${p#$pat} "\${p#"$pat"}"`,
      'unset u; echo ${u:?is required}; echo "rc=$?"',
    ]),
  ).toEqual([
    '',
    'web-abc-123 123 pod/web-abc pod/web web pod/api-abc-123 pod/web_abc_123 POD/WEB-ABC-123\n',
    'web-abc-123 123 web-abc-123 POD/web-abc-123 pod/web-abc-xyz pod/web-abc-123\n',
    'Hello hello hello\n',
    'archive.tar archive tar.gz gz\n',
    'abc-123 pod/web-abc-123\n',
    'bash: u: is required\nrc=1\n',
  ]);
});

test('kubectl names without their type, in a loop', () => {
  const [, out] = outputs(['kubectl create deployment web --image=nginx:1.27 --replicas=2 >/dev/null; sleep 20', 'for p in $(kubectl get pods -o name); do echo "${p#pod/}" | cut -c1-4; done']);
  expect(out).toBe('web-\nweb-\n');
});

test('brace expansion: lists, sequences, nesting; quoted, escaped and comma-less braces stay', () => {
  expect(
    outputs([
      'for i in {1..3}; do echo "n=$i"; done',
      'echo {a,b}{x,y}',
      'echo file{1,2}.txt {01..03} {5..1..2} {a..e} {c..a}',
      'echo {} {a} "{a,b}" \\{a,b\\} x{a,{b,c}}y',
      'echo {1..3}-{a,b}',
    ]),
  ).toEqual(['n=1\nn=2\nn=3\n', 'ax ay bx by\n', 'file1.txt file2.txt 01 02 03 5 3 1 a b c d e c b a\n', '{} {a} {a,b} {a,b} xay xby xcy\n', '1-a 1-b 2-a 2-b 3-a 3-b\n']);
});
