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
    ['{{range .items}}{{.spec.replicas}} {{end}}', '3 1000000 '],
    ['{{1000000.0}} {{0.00001}} {{0x1p4}} {{0o17}} {{1_000}} {{"\\x41\\101\\u00e9"}}', '1e+06 1e-05 16 15 1000 AAé'],
    ['{{range .items}}{{.spec.taints}}|{{end}}', '[map[effect:NoSchedule key:k]]|<no value>|'],
    ['{{(index .items 0).metadata.labels.app}} {{index .items 0 "metadata" "name"}}', 'web a'],
    ['{{with index .items 1}}{{.metadata.name}}{{end}}', 'b'],
    ['{{range .items}}{{if .metadata.labels}}L{{else if gt .spec.replicas 10}}big{{else}}-{{end}}{{end}}', 'Lbig'],
    ['{{eq .missing "x"}} {{eq .missing nil}} {{printf "%v" .missing}} {{.missing}}', 'false true <nil> <no value>'],
    ['{{base64decode "aGVsbG8="}} {{exists . "items"}} {{exists . "items" "x"}}', 'hello true false'],
    ['{{index "abc" 1}} {{index (index .items 0).metadata.labels "nope"}}', '98 <nil>'],
    ['{{len .items}} {{len "héllo"}} {{not .missing}} {{and 1 0}} {{or "" "x"}}', '2 6 true 0 x'],
    ['{{$n := 0}}{{range .items}}{{$n = .metadata.name}}{{end}}{{$n}}', 'b'],
    ['{{range .items}}{{if eq .metadata.name "a"}}{{continue}}{{end}}{{.metadata.name}}{{break}}{{end}}', 'b'],
    ['{{- range .items }}\n  {{- .metadata.name }}\n{{ end -}}', 'a\nb\n'],
    ['{{/* a comment */}}{{print 1 2 "x" 3}} {{println "a" 1}}', '1 2x3 a 1\n'],
    ['{{range .nothing}}x{{else}}empty{{end}}', 'empty'],
  ])('%s', (template, expected) => {
    expect(run(template)).toBe(expected);
  });

  test('whole numbers decode as int64, others as float64, as apimachinery decodes them; fmt as Go prints them', () => {
    expect(run('{{printf "%d %v %f %5.2f|%-3s|" (index .items 0).spec.replicas (index .items 0).spec.replicas 2.5 2.5 "c"}}')).toBe('3 3 2.500000  2.50|c  |');
    expect(run('{{if eq (index .items 0).spec.replicas 3}}three{{end}}')).toBe('three');
    expect(() => run('{{if eq (index .items 0).spec.replicas 3.0}}x{{end}}')).toThrow(/error calling eq: incompatible types for comparison/);
    expect(run('{{printf "%f|% d|%#x|%o|%b|%T|%T" (index .items 0).spec.replicas 5 255 8 5 .kind 1.5}}')).toBe('%!f(int64=3)| 5|0xff|10|101|string|float64');
    expect(goPrintf('%s %d', ['x'])).toBe('x %!d(MISSING)');
    expect(goPrintf('%s', ['x', 1.5])).toBe('x%!(EXTRA float64=1.5)');
    expect(goPrintf('%.0f %.1f %.2f', [2.5, 0.25, 1.005])).toBe('2 0.2 1.00');
    expect([goFloat(123456), goFloat(1234567), goFloat(0.0001), goFloat(0.00001)]).toEqual(['123456', '1.234567e+06', '0.0001', '1e-05']);
  });

  test('index and loop control refuse what text/template refuses', () => {
    expect(() => run('{{index .items 5}}')).toThrow(/error calling index: index out of range: 5/);
    expect(() => run('{{index .items 1.0}}')).toThrow(/cannot index slice\/array with type float64/);
    expect(() => run('{{break}}')).toThrow(new TemplateError('template: output:1: {{break}} outside {{range}}'));
  });

  test('errors read as text/template writes them', () => {
    // A real kubectl 1.32 says the same of `{{.metadata.name}` (and of `{{.metadata.name} {{.kind}}`).
    expect(() => run('{{.a}')).toThrow(new TemplateError("template: output:1: bad character U+007D '}'"));
    expect(() => run('{{.a} {{.b}}')).toThrow(new TemplateError("template: output:1: bad character U+007D '}'"));
    expect(() => run('{{.a')).toThrow(new TemplateError('template: output:1: unclosed action'));
    expect(() => run('{{nope .}}')).toThrow(new TemplateError('template: output:1: function "nope" not defined'));
    expect(() => run('{{if .a}}x')).toThrow(/unexpected EOF/);
    // Verified against kubectl 1.32: the position is the chain's plus its first element's length.
    expect(() => run('{{ .kind.x }}')).toThrow('template: output:1:8: executing "output" at <.kind.x>: can\'t evaluate field x in type interface {}');
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
    const failed = b.k(['get', 'node', 'node-1', '-o', 'go-template=at {{.metadata.name}}: {{.kind.x}}']);
    expect(failed.stderr).toBe(
      'error: error executing template "at {{.metadata.name}}: {{.kind.x}}": template: output:1:30: executing "output" at <.kind.x>: can\'t evaluate field x in type interface {}\n',
    );
    // As GoTemplatePrinter does: what was written, then the template, the raw JSON and the map, on stdout.
    expect(failed.stdout).toMatch(/^at node-1: Error executing template: template: output:1:30: .*\. Printing more information for debugging the template:\n\ttemplate was:\n\t\tat \{\{\.metadata\.name\}\}: \{\{\.kind\.x\}\}\n\traw data was:\n\t\t\{"apiVersion":"v1","kind":"Node",/);
    expect(failed.stdout).toMatch(/\n\tobject given to template engine was:\n\t\tmap\[apiVersion:v1 kind:Node metadata:map\[/);
    expect(b.k(['taint', 'nodes', 'node-1', 'a=b:NoSchedule', '-o', 'go-template={{range .spec.taints}}{{.key}}={{.value}}{{end}}']).stdout).toBe('a=b');
  });
});
