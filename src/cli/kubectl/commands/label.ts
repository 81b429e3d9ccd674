/** `kubectl label TYPE NAME k=v k2-`: `--overwrite`, `-l`, `--all`; `pod/web labeled`. */
import { canonicalJson } from '../../../engine/sim/hash';
import { guarded, type KubectlContext, type Verb } from '../context';
import { usageError } from '../errors';
import { editEach, editTargets, listEach, META_EDIT_FLAGS, splitChanges } from '../meta-edit';

function run(ctx: KubectlContext): void {
  const listing = ctx.flags.bool('list');
  const { resources, changes } = splitChanges(ctx.flags.args, 'label', listing);
  if (listing) return listEach(ctx, resources, 'labels');
  const overwrite = ctx.flags.bool('overwrite');
  const targets = editTargets(ctx, resources);
  editEach(
    ctx,
    targets,
    'labels',
    changes,
    (current) => {
      if (overwrite) return;
      const clashes = [...changes.set].filter(([k, v]) => k in current && current[k] !== v);
      if (clashes.length > 0) throw usageError(clashes.map(([k]) => `'${k}' already has a value (${current[k]}), and --overwrite is false`).join('\n'));
    },
    // label.go compares the serialized objects: unchanged, grown/replaced, or shrunk without --overwrite.
    (before, after) => {
      if (canonicalJson(before) === canonicalJson(after)) return 'not labeled';
      return !overwrite && canonicalJson(after).length < canonicalJson(before).length ? 'unlabeled' : 'labeled';
    },
  );
}

export const label: Verb = {
  name: 'label',
  short: 'Update the labels on a resource',
  flags: META_EDIT_FLAGS,
  run: guarded(run),
};
