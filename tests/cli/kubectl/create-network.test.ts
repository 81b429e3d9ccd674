import type { Ingress } from 'kubernetes-types/networking/v1';
import type { Service } from 'kubernetes-types/core/v1';
import { describe, expect, test } from 'vitest';
import { bench } from './harness';

describe('kubectl create service and create ingress', () => {
  test('create service builds what the generator sends: app=NAME labels and selector, ports named PORT-TARGET', () => {
    const b = bench();
    expect(b.k('create service clusterip web --tcp=80:8080')).toEqual({ stdout: 'service/web created\n', stderr: '', exitCode: 0 });
    const web = b.cluster.api.get<Service>('services', 'default', 'web');
    expect(web.metadata?.labels).toEqual({ app: 'web' });
    expect(web.spec).toMatchObject({ type: 'ClusterIP', selector: { app: 'web' }, ports: [{ name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 }] });
    b.k('create service nodeport np --tcp=8080:http --node-port=30080');
    expect(b.cluster.api.get<Service>('services', 'default', 'np').spec?.ports).toEqual([{ name: '8080-http', port: 8080, protocol: 'TCP', targetPort: 'http', nodePort: 30080 }]);
    b.k('create service clusterip headless --clusterip=None --tcp=80');
    expect(b.cluster.api.get<Service>('services', 'default', 'headless').spec?.clusterIP).toBe('None');
    b.k('create service externalname docs --external-name kubernetes.io');
    expect(b.cluster.api.get<Service>('services', 'default', 'docs').spec).toMatchObject({ type: 'ExternalName', externalName: 'kubernetes.io' });
  });

  test('create service explains what is missing', () => {
    const b = bench();
    expect(b.k('create service clusterip web').stderr).toBe('error: at least one tcp port specifier must be provided\n');
    expect(b.k('create service externalname docs').stderr).toBe('error: required flag(s) "external-name" not set\n');
    expect(b.k('create service headless web').stderr).toBe("error: unknown command \"headless web\"\nSee 'kubectl create service -h' for help and examples\n");
  });

  test('create ingress turns --rule host/path=svc:port into rules: a trailing * is a Prefix path, else Exact', () => {
    const b = bench();
    const r = b.k(['create', 'ingress', 'web', '--class=nginx', '--rule=web.example.com/*=web:80', '--rule=web.example.com/api=api:http,tls=web-cert']);
    expect(r).toEqual({ stdout: 'ingress.networking.k8s.io/web created\n', stderr: '', exitCode: 0 });
    const ing = b.cluster.api.get<Ingress>('ingresses', 'default', 'web');
    expect(ing.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'web.example.com',
          http: {
            paths: [
              { backend: { service: { name: 'web', port: { number: 80 } } }, path: '/', pathType: 'Prefix' },
              { backend: { service: { name: 'api', port: { name: 'http' } } }, path: '/api', pathType: 'Exact' },
            ],
          },
        },
      ],
      tls: [{ hosts: ['web.example.com'], secretName: 'web-cert' }],
    });
    expect(b.k('create ingress none').stderr).toMatch(/^error: not enough information provided/);
    expect(b.k(['create', 'ingress', 'bad', '--rule=nohost']).stderr).toMatch(/^error: rule nohost is invalid/);
  });

  test('describe ingress lays out class, default backend and a rules table with each backend\'s endpoints', () => {
    const b = bench();
    b.k('create service clusterip web --tcp=80:80');
    b.k(['create', 'ingress', 'web', '--class=nginx', '--rule=web.example.com/*=web:80', '--rule=web.example.com/api=api:8080']);
    expect(b.k('describe ingress web').stdout).toBe(
      [
        'Name:             web',
        'Labels:           <none>',
        'Namespace:        default',
        'Address:          ',
        'Ingress Class:    nginx',
        'Default backend:  <default>',
        'Rules:',
        '  Host             Path  Backends',
        '  ----             ----  --------',
        '  web.example.com  ',
        '                   /      web:80 (<none>)',
        '                   /api   api:8080 (<error: services "api" not found>)',
        'Annotations:       <none>',
        'Events:            <none>',
        '',
      ].join('\n'),
    );
  });
});
