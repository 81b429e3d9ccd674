/**
 * The deferred programs chunk (see deferred.ts): everything here is imported only through
 * loadPrograms(), never statically, so the bundlers put it in a chunk of its own.
 */
export { awk } from './shell/builtins/awk';
export { expandHistory } from './shell/history-expansion';
export { FunctionCalls, shiftBuiltin } from './shell/function-calls';
export { base64 } from './shell/builtins/base64';
export { sed } from './shell/builtins/sed';
export { seq, xargs } from './shell/builtins/seq-xargs';
export { cut, tr } from './shell/builtins/cut-tr';
export { grep } from './shell/builtins/grep';
export { head, tail } from './shell/builtins/head-tail';
export { basename, dirname, tee } from './shell/builtins/path-tools';
export { printf } from './shell/builtins/printf';
export { sort, uniq } from './shell/builtins/sort-uniq';
export { wc } from './shell/builtins/wc';
export { createCurl } from './commands/net/curl';
export { createDig } from './commands/net/dig';
export { createHey } from './commands/net/hey';
export { createNc } from './commands/net/nc';
export { createNslookup } from './commands/net/nslookup';
export { createPing } from './commands/net/ping';
export { createSimLoad } from './commands/net/sim-load';
export { createWget } from './commands/net/wget';
export { createConntrack } from './commands/net/conntrack';
export { createIp } from './commands/netfilter/ip';
export { createIpset } from './commands/netfilter/ipset';
export { createIptables, createIptablesSave } from './commands/netfilter/iptables';
export { createIpvsadm } from './commands/netfilter/ipvsadm';
export { createNft } from './commands/netfilter/nft';
export { createBuildah } from './commands/runtime/buildah';
export { checkpointctl } from './commands/runtime/checkpointctl';
export { createCrictl } from './commands/runtime/crictl';
export { tar } from './commands/runtime/tar';
export { createEtcdctl } from './commands/etcdctl';
export { goTemplate, goSprintUnstructured } from './kubectl/go-template/printer';
export { goSyntax } from './kubectl/go-template/fmt';
export * as describers from './kubectl/printers/describe/index';
export { runDrain } from './kubectl/commands/drain';
export { runEvents } from './kubectl/commands/events';
export { runTaint } from './kubectl/commands/taint';
export { secretObject } from './kubectl/commands/create-secret';
export { runLogs } from './kubectl/commands/logs';
export { runExpose } from './kubectl/commands/expose';
export { runDescribe } from './kubectl/commands/describe';
export { clusterRuns } from './kubectl/commands/cluster';
