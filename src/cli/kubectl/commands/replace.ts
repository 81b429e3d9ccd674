/** `kubectl replace -f`: write each object over the live one (`--force`: delete, then create). */
import type { KubeObject } from '../../../engine/api/objects';
import { forEachReporting, guarded, type KubectlContext, type Verb } from '../context';
import { FILES_AND_ARGS, usageError } from '../errors';
import { readManifests } from '../manifests';
import { dryRunFlag, manifestNamespace, MUTATION_FLAGS, printResult, validateFields } from '../mutation';
import { kindString } from '../resource-args';
import { withSource } from './apply';

function run(ctx: KubectlContext): void {
  const files = ctx.flags.array('filename');
  if (files.length === 0) throw usageError("must specify --filename to replace\nSee 'kubectl replace -h' for help and examples");
  if (ctx.flags.args.length > 0) throw usageError(FILES_AND_ARGS);
  const dryRun = dryRunFlag(ctx);
  forEachReporting(ctx, readManifests(files, ctx.host, ctx.stdin), (m) => {
    const obj = { ...m.object, metadata: { ...m.object.metadata, namespace: manifestNamespace(ctx, m.type, m.object) } } as KubeObject;
    let result = obj;
    if (dryRun === 'none') {
      try {
        validateFields(ctx, m.type, m.object);
        if (ctx.flags.bool('force')) {
          ctx.cluster.api.delete(m.type.resource, obj.metadata?.namespace, obj.metadata?.name ?? '', { gracePeriodSeconds: 0 });
          ctx.out.push(`${kindString(m.type)} "${obj.metadata?.name}" deleted\n`);
          result = ctx.cluster.api.create(m.type.resource, obj);
        } else {
          result = ctx.cluster.api.update(m.type.resource, obj);
        }
      } catch (e) {
        throw withSource(e, 'replacing', m.source);
      }
    }
    printResult(ctx, m.type, result, 'replaced', dryRun);
  });
}

export const replace: Verb = {
  name: 'replace',
  short: 'Replace a resource by file name or stdin',
  flags: [...MUTATION_FLAGS, { name: 'filename', short: 'f', type: 'array' }, { name: 'force', type: 'bool' }, { name: 'grace-period', type: 'int' }, { name: 'save-config', type: 'bool' }],
  run: guarded(run),
};
