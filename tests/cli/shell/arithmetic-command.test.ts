import { expect, test } from 'vitest';
import { sessionOutputs } from './helpers';

// The expectations are what bash 5.2 prints for the same lines.
const outputs = sessionOutputs;

test('(( )) is a command: its status, assignments, increments, loops, and command output inside', () => {
  expect(
    outputs([
      '(( 3 > 2 )) && echo arith',
      '(( 0 )); echo "rc=$?"',
      'i=0; while (( i < 3 )); do echo "i=$i"; (( i++ )); done',
      '(( x = 5 * 2 )); echo $x',
      'if (( $(echo 4) % 2 == 0 )); then echo even; fi',
      '( (echo nested) )',
      '((echo sub))',
    ]),
  ).toEqual(['arith\n', 'rc=1\n', 'i=0\ni=1\ni=2\n', '10\n', 'even\n', 'nested\n', 'bash: ((: echo sub: syntax error in expression (error token is "sub")\n']);
});

test('$(( )) assigns, increments, reads BASE#DIGITS and runs $(...) first', () => {
  expect(
    outputs([
      'i=0; echo $((i++)) $i $((++i)) $i $((i+=5)) $i $((i--)) $i',
      'echo $((16#ff)) $((2#1010)) $((8#17)) $((36#z)) $((64#_))',
      'echo $((a=3, b=a*2, a+b)) $a $b',
      'echo $((1--1)) $((x = 2 ** 3))',
      'echo $(( $(printf "a\\nb\\n" | wc -l) * 10 ))',
      'echo $((2#102))',
    ]),
  ).toEqual(['0 1 2 2 7 7 7 6\n', '255 10 15 35 63\n', '9 3 6\n', '2 8\n', '20\n', 'bash: 2#102: value too great for base (error token is "2#102")\n']);
});

test('let evaluates each argument; its status says whether the last value is not zero', () => {
  expect(outputs(['let x=1+2; echo $x', 'let i=0 i++ i++; echo $i $?', 'let 0; echo $?', 'let; echo $?', 'let 1/0; echo $?'])).toEqual([
    '3\n',
    '2 0\n',
    '1\n',
    'bash: let: expression expected\n1\n',
    'bash: let: 1/0: division by 0 (error token is "0")\n1\n',
  ]);
});
