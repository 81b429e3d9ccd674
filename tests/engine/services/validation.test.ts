import { describe, expect, test } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1';
import { apiError, service, serviceCluster } from './helpers';

const create = (spec: Service['spec'], name = 'x') => () => serviceCluster().api.create<Service>('services', service(name, spec));

describe('Service validation texts', () => {
  test('every port of a multi-port Service needs a name, and names are unique', () => {
    expect(apiError(create({ ports: [{ port: 80 }, { port: 443 }] }))).toBe('Service "x" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]');
    expect(apiError(create({ ports: [{ name: 'web', port: 80 }, { name: 'web', port: 443 }] }))).toBe('Service "x" is invalid: spec.ports[1].name: Duplicate value: "web"');
  });

  test('type rules: no None for NodePort, nodePort not on ClusterIP, ExternalName needs a name', () => {
    expect(apiError(create({ type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] }))).toBe(
      'Service "x" is invalid: spec.clusterIP: Invalid value: "None": may not be set to \'None\' for NodePort services',
    );
    expect(apiError(create({ ports: [{ port: 80, nodePort: 30080 }] }))).toBe("Service \"x\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
    expect(apiError(create({ type: 'ExternalName' }))).toBe('Service "x" is invalid: spec.externalName: Required value');
    expect(apiError(create({ type: 'Balanced', ports: [{ port: 80 }] }))).toBe(
      'Service "x" is invalid: spec.type: Unsupported value: "Balanced": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
  });

  test('ClientIP affinity defaults to three hours and refuses more than a day', () => {
    const svc = create({ sessionAffinity: 'ClientIP', ports: [{ port: 80 }] })();
    expect(svc.spec?.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    expect(apiError(create({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 90000 } }, ports: [{ port: 80 }] }))).toBe(
      'Service "x" is invalid: spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 90000: must be greater than 0 and less than 86400',
    );
  });

  test('externalIPs must be usable addresses; traffic policies only where they apply', () => {
    expect(apiError(create({ externalIPs: ['127.0.0.1'], ports: [{ port: 80 }] }))).toBe(
      'Service "x" is invalid: spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    );
    expect(apiError(create({ externalIPs: ['not-an-ip'], ports: [{ port: 80 }] }))).toBe(
      'Service "x" is invalid: spec.externalIPs[0]: Invalid value: "not-an-ip": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    );
    expect(apiError(create({ externalTrafficPolicy: 'Local', ports: [{ port: 80 }] }))).toBe(
      'Service "x" is invalid: spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
    );
    // A ClusterIP Service with externalIPs is externally accessible: the policy is defaulted.
    expect(create({ externalIPs: ['192.168.1.100'], ports: [{ port: 80 }] })().spec?.externalTrafficPolicy).toBe('Cluster');
  });

  test('a LoadBalancer with externalTrafficPolicy Local gets a health check node port', () => {
    const svc = create({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ port: 80 }] })();
    expect(svc.spec?.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
    expect(svc.spec?.healthCheckNodePort).not.toBe(svc.spec?.ports?.[0]?.nodePort);
  });

  test('a clusterIP that is not an address', () => {
    expect(apiError(create({ clusterIP: '10.96.0.300', ports: [{ port: 80 }] }))).toBe(
      'Service "x" is invalid: spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    );
  });
});

describe('EndpointSlice validation texts', () => {
  const slice = (addresses: string[]) => () =>
    serviceCluster().api.create('endpointslices', { metadata: { name: 's', namespace: 'default' }, addressType: 'IPv4', endpoints: [{ addresses }], ports: [{ port: 80 }] });

  test('IPv4 slices take usable IPv4 addresses only', () => {
    expect(apiError(slice(['10.0.0.300']))).toBe('EndpointSlice "s" is invalid: endpoints[0].addresses[0]: Invalid value: "10.0.0.300": must be a valid IPv4 address');
    expect(apiError(slice(['127.0.0.1']))).toBe(
      'EndpointSlice "s" is invalid: endpoints[0].addresses[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    );
    expect(apiError(slice([]))).toBe('EndpointSlice "s" is invalid: endpoints[0].addresses: Required value: must contain at least 1 address');
  });
});
