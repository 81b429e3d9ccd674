import { describe, expect, test } from 'vitest';
import { executeGoTemplate } from '../../../src/cli/kubectl/go-template/exec';
import { goFloat, goPrintf } from '../../../src/cli/kubectl/go-template/fmt';
import { TemplateError } from '../../../src/cli/kubectl/go-template/parse';
import { DEFAULT_COMPONENTS } from '../../../src/engine/components';
import { bench } from './harness';

const data = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { app: 'web' } }, spec: { replicas: 3, taints: [{ key: 'k', effect: 'NoSchedule' }] } },
    { metadata: { name: 'b' }, spec: { replicas: 1000000 } },
  ],
};
const run = (template: string) => executeGoTemplate(template, data);

describe('go-template, as text/template runs it over a decoded JSON object', () => {
  test.each([
    ['{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}', 'a\nb\n'],
    ['{{range $i, $e := .items}}{{$i}}:{{$e.metadata.name}} {{end}}', '0:a 1:b '],
    ['{{range .items}}{{.spec.replicas}} {{end}}', '3 1e+06 '],
    ['{{range .items}}{{.spec.taints}}|{{end}}', '[map[effect:NoSchedule key:k]]|<no value>|'],
    ['{{(index .items 0).metadata.labels.app}} {{index .items 0 "metadata" "name"}}', 'web a'],
    ['{{with index .items 1}}{{.metadata.name}}{{end}}', 'b'],
    ['{{range .items}}{{if .metadata.labels}}L{{else if gt .spec.replicas 10.0}}big{{else}}-{{end}}{{end}}', 'Lbig'],
    ['{{len .items}} {{len "héllo"}} {{not .missing}} {{and 1 0}} {{or "" "x"}}', '2 6 true 0 x'],
    ['{{$n := 0}}{{range .items}}{{$n = .metadata.name}}{{end}}{{$n}}', 'b'],
    ['{{range .items}}{{if eq .metadata.name "a"}}{{continue}}{{end}}{{.metadata.name}}{{break}}{{end}}', 'b'],
    ['{{- range .items }}\n  {{- .metadata.name }}\n{{ end -}}', 'a\nb\n'],
    ['{{/* a comment */}}{{print 1 2 "x" 3}} {{println "a" 1}}', '1 2x3 a 1\n'],
    ['{{range .nothing}}x{{else}}empty{{end}}', 'empty'],
  ])('%s', (template, expected) => {
    expect(run(template)).toBe(expected);
  });

  test('numbers decode as float64: %d complains, comparing with an int constant fails', () => {
    expect(run('{{printf "%d %v %.2f %5s|%-3s|" (index .items 0).spec.replicas (index .items 0).spec.replicas 2.5 "ab" "c"}}')).toBe('%!d(float64=3) 3 2.50    ab|c  |');
    expect(() => run('{{if eq (index .items 0).spec.replicas 3}}x{{end}}')).toThrow(/error calling eq: incompatible types for comparison/);
    expect(goPrintf('%s %d', ['x'])).toBe('x %!d(MISSING)');
    expect(goPrintf('%s', ['x', 1])).toBe('x%!(EXTRA float64=1)');
    expect([goFloat(123456), goFloat(1234567), goFloat(0.0001), goFloat(0.00001)]).toEqual(['123456', '1.234567e+06', '0.0001', '1e-05']);
  });

  test('errors read as text/template writes them', () => {
    expect(() => run('{{.a}')).toThrow(new TemplateError('template: output:1: unclosed action'));
    expect(() => run('{{nope .}}')).toThrow(new TemplateError('template: output:1: function "nope" not defined'));
    expect(() => run('{{if .a}}x')).toThrow(/unexpected EOF/);
    expect(() => run('{{ .kind.x }}')).toThrow(new TemplateError('template: output:1:3: executing "output" at <.kind.x>: can\'t evaluate field x in type string'));
  });
});

describe('kubectl -o go-template', () => {
  test('get, with the template inline or in --template; parse and execution errors as kubectl prints them', () => {
    const b = bench({ components: DEFAULT_COMPONENTS });
    expect(b.k(['get', 'nodes', '-o', 'go-template={{range .items}}{{.metadata.name}} {{end}}']).stdout).toBe('control-plane node-1 node-2 ');
    expect(b.k(['get', 'node', 'node-1', '-o', 'go-template', '--template={{.metadata.name}}']).stdout).toBe('node-1');
    expect(b.k(['get', 'node', 'node-1', '-o', 'template={{.kind}}']).stdout).toBe('Node');
    expect(b.k(['get', 'nodes', '-o', 'go-template']).stderr).toBe('error: template format specified but no template given\n');
    expect(b.k(['get', 'nodes', '-o', 'go-template={{.x']).stderr).toBe('error: error parsing template {{.x, template: output:1: unclosed action\n');
    expect(b.k(['get', 'node', 'node-1', '-o', 'go-template={{.kind.x}}']).stderr).toBe(
      'error: error executing template "{{.kind.x}}": template: output:1:2: executing "output" at <.kind.x>: can\'t evaluate field x in type string\n',
    );
    expect(b.k(['taint', 'nodes', 'node-1', 'a=b:NoSchedule', '-o', 'go-template={{range .spec.taints}}{{.key}}={{.value}}{{end}}']).stdout).toBe('a=b');
  });
});
