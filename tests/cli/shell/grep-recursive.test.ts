import { expect, test } from 'vitest';
import { sessionOutputs } from './helpers';

test('grep -r searches every file below, naming each as GNU grep does (bare names without a directory)', () => {
  expect(
    sessionOutputs([
      'mkdir -p sub; printf "metadata:\\n  name: a\\n" > a.yaml; printf "metadata:\\n  name: b\\n" > sub/b.yaml',
      'grep -r name .',
      'grep -r name',
      'grep -rn "name: b" sub',
      'grep -rc name .',
      'grep -rh name sub',
    ]),
  ).toEqual(['', './a.yaml:  name: a\n./sub/b.yaml:  name: b\n', 'a.yaml:  name: a\nsub/b.yaml:  name: b\n', 'sub/b.yaml:2:  name: b\n', './a.yaml:1\n./sub/b.yaml:1\n', '  name: b\n']);
});
