import type { Deployment } from 'kubernetes-types/apps/v1';
import { computeProbability, iptablesChain, kernelProbability } from '../../src/engine/kube-proxy/names';
import type { ProgrammedServicePort } from '../../src/engine/kube-proxy/types';
import { allOf, commandWasRun, defineLab, failed, markdownFile, passed, type CheckFn, type LabView } from '../../src/labs/author';

const WEB_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: app
        image: ghcr.io/clusterlab/http-app:1.0
        ports:
        - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: 8080
`;

/** kube-proxy names the chain after `namespace/name:portName` plus the protocol. */
const SERVICE_PORT = 'default/web:http';
const WEB_CHAIN = iptablesChain('KUBE-SVC-', SERVICE_PORT, 'tcp');
const NODE = 'node-1';

/** web's port as node-1's kube-proxy last programmed it (not as the API says now). */
function programmedWeb(view: LabView): ProgrammedServicePort | undefined {
  return view
    .proxies()
    .find((p) => p.nodeName === NODE)
    ?.programmed()
    .find((s) => s.servicePort === SERVICE_PORT && s.protocol === 'TCP');
}

/**
 * Every endpoint set node-1's rules have had for web, oldest first, rebuilt from kube-proxy's
 * `program` trace entries ("added …; removed …"): the answer is about the chain the learner saw,
 * even if web was scaled since (sets replaced before the lab started are left out). Each set is
 * in rule order (sorted as "IP:port" strings).
 */
function programmedSets(view: LabView): string[][] {
  const current = new Set<string>();
  let sets: string[][] = [];
  for (const e of view.trace({ component: `kube-proxy/${NODE}`, action: 'program', object: 'services/default/web' })) {
    for (const part of e.detail.slice(e.detail.indexOf(': ') + 2).split('; ')) {
      const [verb, ...list] = part.split(' ');
      for (const ep of list.join(' ').split(', ')) {
        if (verb === 'added') current.add(ep);
        else if (verb === 'removed') current.delete(ep);
      }
    }
    if (e.t <= view.startMs) sets = [];
    sets.push([...current].sort());
  }
  return sets;
}

function answerLines(text: string): string[][] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split(/\s+/));
}

const chainNamed: CheckFn = (view) => {
  const answer = view.file('/root/chain.txt');
  if (answer === undefined) return failed('there is no file ~/chain.txt: write the name of web\'s KUBE-SVC- chain into it', 2);
  const name = answer.trim();
  if (name === '') return failed('~/chain.txt is empty: write the name of web\'s KUBE-SVC- chain into it', 2);
  if (!name.startsWith('KUBE-SVC-')) return failed(`~/chain.txt says "${name}", but a Service's chain is named KUBE-SVC- followed by 16 characters`, 1);
  if (name !== WEB_CHAIN) return failed(`~/chain.txt says "${name}", but that is not the chain KUBE-SERVICES jumps to for web's cluster IP`, 1);
  return passed(`~/chain.txt names ${WEB_CHAIN}, web's chain`);
};

const sawChainOnNode = commandWasRun(/\biptables(-save)?\b/, {
  output: WEB_CHAIN,
  describe: `an iptables or iptables-save command on a node that shows web's chain`,
});

/** 1/(n-i) within the kernel's rounding; the last rule has no probability (written as 1 or -). */
function probabilityMatches(text: string, remaining: number): boolean {
  if (remaining === 1) return ['1', '1.0', '-', 'none'].includes(text);
  const value = Number(text);
  return Number.isFinite(value) && Math.abs(value - kernelProbability(computeProbability(remaining))) < 1e-6;
}

/** Why the answer does not describe this chain, or undefined when it does. */
function mismatch(lines: string[][], order: string[]): string | undefined {
  if (lines.length !== order.length) return `~/rules.txt has ${lines.length} line(s), but web's chain has ${order.length} rules that jump to an endpoint (one line each, in chain order)`;
  for (const [i, endpoint] of order.entries()) {
    const [probability = '', target = ''] = lines[i]!;
    const remaining = order.length - i;
    if (target !== endpoint) return `line ${i + 1} of ~/rules.txt names "${target}", but rule ${i + 1} of ${WEB_CHAIN} jumps to the KUBE-SEP chain that DNATs to ${endpoint}`;
    if (!probabilityMatches(probability, remaining)) {
      const expected =
        remaining === 1
          ? 'the last rule has no probability (write 1: it takes every packet that gets that far)'
          : `probability ${probability} is wrong: with ${remaining} of the ${order.length} endpoints still to choose from, this rule must take 1/${remaining} of the packets that reach it`;
      return `line ${i + 1} of ~/rules.txt (${endpoint}): ${expected}`;
    }
  }
  return undefined;
}

const probabilitiesAnswered: CheckFn = (view) => {
  const text = view.file('/root/rules.txt');
  if (text === undefined) return failed('there is no file ~/rules.txt: write one line per rule of web\'s chain, "PROBABILITY IP:PORT"', 2);
  const lines = answerLines(text);
  const sets = programmedSets(view).filter((s) => s.length >= 2);
  if (sets.length === 0) return failed("node-1's rules have not sent web's traffic to more than one endpoint yet; wait until the Deployment's Pods are ready");
  // Compare with the chain as it is now first (its message is the one to show), then as it was.
  const reasons = [...sets].reverse().map((order) => mismatch(lines, order));
  if (reasons.some((r) => r === undefined)) return passed(`~/rules.txt lists the ${lines.length} rules of ${WEB_CHAIN} in order, each with its endpoint and probability`);
  return failed(reasons[0]!, 1);
};

/** The learner listed a KUBE-SEP- chain (or a dump holding one) and saw it DNAT to one of web's Pods. */
const followedToDnat: CheckFn = (view) => {
  const saw = view.transcript().some((e) => e.exitCode === 0 && /\biptables(-save)?\b/.test(e.input) && /DNAT.*(--to-destination |to:)10\.244\.\d+\.\d+:8080/.test(e.output));
  if (saw) return passed("you saw a KUBE-SEP- chain DNAT to one of web's Pods");
  return failed("you have not yet listed one of web's KUBE-SEP- chains on a node: its DNAT rule shows which Pod it sends the packet to", 0);
};

const scaledToFour: CheckFn = (view) => {
  const d = view.get<Deployment>('deployments', 'default', 'web');
  const ready = d?.status?.readyReplicas ?? 0;
  if ((d?.spec?.replicas ?? 0) !== 4) return failed(`Deployment web wants ${d?.spec?.replicas ?? 0} replicas, not 4`, 0);
  if (ready < 4) return failed(`only ${ready} of web's 4 replicas are ready; give them a few seconds`, 0);
  const programmed = programmedWeb(view)?.endpoints.length ?? 0;
  if (programmed !== 4) return failed(`node-1's kube-proxy still sends web's traffic to ${programmed} endpoints; it has not synced yet (sim advance 2s)`, 1);
  return passed("web has 4 ready Pods and node-1's rules send traffic to all 4");
};

/** After scaling, the learner looked at the chain again and saw kube-proxy rewrite it for 4 endpoints. */
const sawQuarter: CheckFn = (view) => {
  const rewritten = view
    .transcript()
    .find((e) => e.exitCode === 0 && /\biptables(-save)?\b/.test(e.input) && e.output.includes(WEB_CHAIN) && e.output.includes('probability 0.25000000000'));
  if (!rewritten) return failed(`you have not yet listed ${WEB_CHAIN} on a node after the change: its first rule should now show probability 0.25000000000`, 2);
  return passed('you saw the rewritten chain: 1/4, 1/3, 1/2, then the last rule');
};

export default defineLab({
  id: 'iptables-chains',
  title: "Read a Service's iptables chains",
  summary: 'Follow a ClusterIP from KUBE-SERVICES through KUBE-SVC- to KUBE-SEP- on a node, explain the probabilities, and watch kube-proxy rewrite them.',
  seed: 11,
  setup: {
    workers: 2,
    manifests: [WEB_YAML],
    settle: '20s',
  },
  tasks: [
    {
      id: 'find-chain',
      title: "Find web's chain on node-1",
      instructions: markdownFile('tasks/find-chain.md'),
      points: 10,
      check: allOf(sawChainOnNode, chainNamed),
      hints: [
        'The rules live on the nodes, not on your workstation: `ssh node-1` first, `exit` to come back.',
        '`iptables -t nat -L KUBE-SERVICES -n` lists one rule per Service port; the comment says which Service, the target is its chain.',
        'On node-1: `iptables-save -t nat | grep "default/web:http cluster IP"`. The `-j KUBE-SVC-…` at the end of the KUBE-SERVICES line is the chain. Then `exit` and `echo KUBE-SVC-… > ~/chain.txt`.',
      ],
    },
    {
      id: 'probabilities',
      title: 'Which endpoint does each probability select?',
      instructions: markdownFile('tasks/probabilities.md'),
      points: 20,
      dependsOn: ['find-chain'],
      check: allOf(followedToDnat, probabilitiesAnswered),
      hints: [
        'List the chain with `iptables -t nat -S KUBE-SVC-…` on node-1. Each rule after the KUBE-MARK-MASQ one jumps to a KUBE-SEP- chain; list that chain to see its DNAT.',
        'Rule i is only tried by packets that did not match rules 1..i-1, so its probability is 1 divided by the number of rules left. The last rule has no `statistic` match at all.',
        'Write one line per rule, in order, e.g. `0.33333333349 10.244.1.3:8080`, then `0.50000000000 …`, then `1 …` for the last.',
      ],
    },
    {
      id: 'rescale',
      title: 'Scale to four and watch the chain change',
      instructions: markdownFile('tasks/rescale.md'),
      points: 20,
      dependsOn: ['probabilities'],
      check: allOf(scaledToFour, sawQuarter),
      hints: [
        '`kubectl scale deployment web --replicas=4`, then `kubectl rollout status deployment/web`.',
        'kube-proxy syncs a moment after the EndpointSlice changes: `sim advance 2s`, or check `sim trace svc/web` for node-1.',
        "On node-1, list web's chain again: `iptables -t nat -S KUBE-SVC-…`. The first rule now says 0.25000000000.",
      ],
    },
  ],
  solution: [
    { input: 'ssh node-1' },
    { input: 'iptables -t nat -L KUBE-SERVICES -n' },
    { input: `iptables-save -t nat | grep ${SERVICE_PORT}` },
    { input: 'iptables -t nat -S KUBE-SEP-2AZ33KU3V5PGPQZH' },
    { input: 'exit' },
    { input: `echo ${WEB_CHAIN} > chain.txt` },
    { input: "printf '0.33333333349 10.244.1.3:8080\\n0.50000000000 10.244.2.3:8080\\n1 10.244.2.4:8080\\n' > rules.txt" },
    { input: 'kubectl scale deployment web --replicas=4' },
    { input: 'kubectl rollout status deployment/web' },
    { after: '2s', input: 'ssh node-1' },
    { input: `iptables -t nat -S ${WEB_CHAIN}` },
    { input: 'exit' },
    { input: 'check' },
  ],
});
