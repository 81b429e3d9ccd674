/** The `kubectl describe` renderers. */
export { describePod, podQOSClass } from './pod';
export { describeDaemonSet, describeDeployment, describeReplicaSet, describePodTemplate, splitReplicaSets } from './workloads';
export { describeService, describeEndpoints, describeEndpointSlice, formatEndpointSlices } from './network';
export { describeNode } from './node';
export { describeEvents, tolerationString, taintString } from './common';
export { describeProbe } from './containers';
export { PrefixWriter, tabbedString } from './prefix-writer';
export { describeConfigMap, describeNamespace } from './namespace';
export { describeRelease, type DescribeRelease } from './release';
