/** `kubectl version [--client] [-o yaml|json]`: client and server are the cluster's pinned version. */
import { formatVersion, type KubeVersion } from '../../../engine/version';
import { guarded, type KubectlContext, type Verb } from '../context';
import { usageError } from '../errors';
import { toYaml } from '../output';

/** The kustomize each kubectl minor vendors (kubectl's go.mod, sigs.k8s.io/kustomize/kustomize/v5). */
const KUSTOMIZE: Record<number, string> = { 34: 'v5.7.1', 33: 'v5.6.0', 32: 'v5.5.0', 31: 'v5.4.2' };

function kustomize(v: KubeVersion): string {
  return KUSTOMIZE[v.minor] ?? 'v5.0.4-0.20230601165947-6ce0bf390ce3';
}

function info(v: KubeVersion): Record<string, string> {
  return {
    major: String(v.major),
    minor: String(v.minor),
    gitVersion: formatVersion(v),
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: v.minor >= 34 ? 'go1.24.6' : 'go1.24.2',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

function run(ctx: KubectlContext): void {
  const v = ctx.cluster.cp.version;
  const clientOnly = ctx.flags.bool('client');
  const output = ctx.flags.string('output');
  if (output === 'json' || output === 'yaml') {
    const doc = { clientVersion: info(v), kustomizeVersion: kustomize(v), ...(clientOnly ? {} : { serverVersion: info(v) }) };
    ctx.out.push(output === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : toYaml(doc));
    return;
  }
  if (output !== undefined) throw usageError(`--output must be 'yaml' or 'json'`);
  ctx.out.push(`Client Version: ${formatVersion(v)}\nKustomize Version: ${kustomize(v)}\n`);
  if (!clientOnly) ctx.out.push(`Server Version: ${formatVersion(v)}\n`);
}

export const version: Verb = {
  name: 'version',
  short: 'Print the client and server version information',
  flags: [
    { name: 'client', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run: guarded(run),
};
