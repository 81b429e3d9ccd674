import type { FilterPlugin } from '../types';

/**
 * NodeName: a pod that names a node fits only that node. The default scheduler never sees such pods
 * (they are bound already), but the filter belongs to the framework and keeps the pure API complete.
 */
export const nodeNameFilter: FilterPlugin = {
  name: 'NodeName',
  filter(pod, { node }) {
    const wanted = pod.spec?.nodeName;
    if (!wanted || wanted === node.metadata?.name) return undefined;
    return { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match the requested node name"], plugin: 'NodeName' };
  },
};
