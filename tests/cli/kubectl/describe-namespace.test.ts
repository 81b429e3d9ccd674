import { describe, expect, test } from 'vitest';
import { bench } from './harness';

describe('kubectl describe namespace and configmap (describe.go)', () => {
  test('a namespace: its label, phase, and the empty quota and limit-range lists of a fresh cluster', () => {
    const b = bench();
    b.k('create namespace dev');
    expect(b.k('describe ns dev').stdout).toBe(
      'Name:         dev\nLabels:       kubernetes.io/metadata.name=dev\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n',
    );
  });

  test('a configmap: sorted keys each under a rule, the BinaryData heading, then events', () => {
    const b = bench();
    b.k('create configmap game --from-literal=lives=3 --from-literal=color=blue');
    expect(b.k('describe cm game').stdout).toBe(
      'Name:         game\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\ncolor:\n----\nblue\n\nlives:\n----\n3\n\n\nBinaryData\n====\n\nEvents:  <none>\n',
    );
  });
});
