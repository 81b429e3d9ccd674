/** `kubectl annotate TYPE NAME k=v k2-`: `--overwrite`, `-l`, `--all`; `pod/web annotated`. */
import { guarded, type KubectlContext, type Verb } from '../context';
import { usageError } from '../errors';
import { editEach, editTargets, listEach, META_EDIT_FLAGS, splitChanges } from '../meta-edit';

/** The change-cause annotation may always be overwritten (annotate.go). */
import { CHANGE_CAUSE } from '../record';

function run(ctx: KubectlContext): void {
  const listing = ctx.flags.bool('list');
  const { resources, changes } = splitChanges(ctx.flags.args, 'annotation', listing);
  if (listing) return listEach(ctx, resources, 'annotations');
  const overwrite = ctx.flags.bool('overwrite');
  const targets = editTargets(ctx, resources);
  editEach(
    ctx,
    targets,
    'annotations',
    changes,
    (current) => {
      if (overwrite) return;
      const clashes = [...changes.set].filter(([k, v]) => k !== CHANGE_CAUSE && k in current && current[k] !== v);
      if (clashes.length > 0) {
        throw usageError(`--overwrite is false but found the following declared annotation(s): ${clashes.map(([k]) => `'${k}' already has a value (${current[k]})`).join('; ')}`);
      }
    },
    () => 'annotated',
  );
}

export const annotate: Verb = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  flags: META_EDIT_FLAGS,
  run: guarded(run),
};
