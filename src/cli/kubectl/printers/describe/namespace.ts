/** `kubectl describe namespace`, `configmap` and `secret` (describe.go's Namespace, ConfigMap and Secret describers). */
import type { ConfigMap, Event, Namespace, Secret } from 'kubernetes-types/core/v1';
import { base64DecodedLength, base64DecodeText } from '../../../../engine/sim/base64';
import { maybeDescribeEvents, printAnnotationsMultiline, printLabelsMultiline } from './common';
import { LEVEL_0, LEVEL_1, tabbedString } from './prefix-writer';
import { formatRFC1123Z } from '../human-duration';

/**
 * Name, labels, annotations, phase and any conditions, then the namespace's ResourceQuotas and
 * LimitRanges. The simulated cluster serves neither kind, so both lists are empty, as in a fresh
 * kubeadm cluster. No events: the describer does not look them up.
 */
export function describeNamespace(ns: Namespace): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ns.metadata?.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', ns.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', ns.metadata?.annotations);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
    const conditions = ns.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${formatRFC1123Z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
    }
    w.write(LEVEL_0, '\nNo resource quota.\n');
    w.write(LEVEL_0, '\nNo LimitRange resource.\n');
  });
}

/** Each data key, sorted, under a `----` rule with its value; binary keys with their size. */
export function describeConfigMap(cm: ConfigMap, events: Event[] | undefined, nowMs: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${cm.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${cm.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', cm.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', cm.metadata?.annotations);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const key of Object.keys(cm.data ?? {}).sort()) w.write(LEVEL_0, `${key}:\n----\n${cm.data![key]}\n\n`);
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    // Base64 in the object: the decoded size is what Go's len([]byte) reports.
    for (const key of Object.keys(cm.binaryData ?? {}).sort()) w.write(LEVEL_0, `${key}: ${base64DecodedLength(cm.binaryData![key]!)} bytes\n`);
    w.write(LEVEL_0, '\n');
    maybeDescribeEvents(w, events, nowMs);
  });
}

/** `kubectl describe secret`: sizes, never values (a service-account token's excepted), keys sorted. */
export function describeSecret(secret: Secret): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${secret.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${secret.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', secret.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', secret.metadata?.annotations);
    w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const key of Object.keys(secret.data ?? {}).sort()) {
      const value = secret.data![key]!;
      const token = key === 'token' && secret.type === 'kubernetes.io/service-account-token';
      w.write(LEVEL_0, token ? `${key}:\t${base64DecodeText(value)}\n` : `${key}:\t${base64DecodedLength(value)} bytes\n`);
    }
  });
}
