/** The `kubectl describe` renderers, loaded with the deferred programs (src/cli/deferred.ts). */
export { describePod, podQOSClass } from './pod';
export { describeDaemonSet, describeDeployment, describeReplicaSet, describePodTemplate, splitReplicaSets } from './workloads';
export { describeService, describeEndpoints, describeEndpointSlice, formatEndpointSlices } from './network';
export { describeNode } from './node';
export { describeEvents, tolerationString, taintString } from './common';
export { describeProbe } from './containers';
export { PrefixWriter, tabbedString, untabbedString } from './prefix-writer';
export { describeIngress } from './ingress';
export { describePodDisruptionBudget } from './pdb';
export { describeConfigMap, describeNamespace, describeSecret } from './namespace';
export { describeRelease, type DescribeRelease } from './release';
