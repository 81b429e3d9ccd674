import type { Cluster } from '../../../engine/cluster';
import { parseImage } from '../../../engine/apps/catalogue';
import { storageOf, type NodeStorage } from '../../../engine/cri/storage';
import { TabWriter } from '../../kubectl/printers/tabwriter';
import type { Command, CommandContext, CommandResult } from '../../types';
import { humanDuration } from './containers';

function fail(msg: string): CommandResult {
  return { stdout: '', stderr: `Error: ${msg}\n`, exitCode: 125 };
}

/** buildah names local images without a registry `localhost/NAME:TAG`. */
function localName(name: string): string {
  const ref = parseImage(name);
  const first = name.split('/')[0] ?? '';
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return hasRegistry ? ref.normalized : `localhost/${name.replace(/^docker\.io\/(library\/)?/, '')}${name.includes(':') ? '' : ':latest'}`;
}

function copying(blob: string, config: string): string {
  return `Getting image source signatures\nCopying blob ${blob.slice(0, 12)} done   | \nCopying config ${config.slice(0, 12)} done   | \nWriting manifest to image destination\n`;
}

function from(s: NodeStorage, node: string, args: string[]): CommandResult {
  const image = args.find((a) => !a.startsWith('-'));
  if (!image) return fail('an image name (or "scratch") must be specified');
  if (image !== 'scratch') return fail(`creating build container: pulling image "${image}": only "scratch" is available for checkpoint images here`);
  const working = s.workingContainers(node);
  let name = 'working-container';
  for (let i = 1; working[name]; i++) name = `working-container-${i}`;
  working[name] = { name, id: s.newId(`container:${node}`), annotations: {} };
  return { stdout: `${name}\n`, stderr: '', exitCode: 0 };
}

function add(s: NodeStorage, ctx: CommandContext, args: string[]): CommandResult {
  const [ctr, src, dest = '/'] = args.filter((a) => !a.startsWith('-'));
  const working = ctr ? s.workingContainers(ctx.host.name)[ctr] : undefined;
  if (!ctr || !src) return fail('container ID and source must be specified');
  if (!working) return fail(`reading build container "${ctr}": container not known`);
  const content = ctx.host.fs.isDir(src) ? undefined : ctx.host.fs.read(src);
  if (content === undefined) return fail(`checking on sources under "${ctx.host.fs.cwd()}": copier: stat: "${ctx.host.fs.resolve(src)}": no such file or directory`);
  if (dest !== '/') return fail('checkpoint archives are added at / (buildah add CONTAINER ARCHIVE /)');
  // ADD unpacks a local tar archive into the destination: the image's root holds the checkpoint.
  working.layer = content;
  return { stdout: '', stderr: '', exitCode: 0 };
}

function config(s: NodeStorage, ctx: CommandContext, args: string[]): CommandResult {
  const annotations: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--annotation=') || a.startsWith('-a=')) annotations.push(a.slice(a.indexOf('=') + 1));
    else if (a === '--annotation' || a === '-a') annotations.push(args[++i] ?? '');
    else rest.push(a);
  }
  const ctr = rest[0];
  const working = ctr ? s.workingContainers(ctx.host.name)[ctr] : undefined;
  if (!ctr) return fail('container ID must be specified');
  if (!working) return fail(`reading build container "${ctr}": container not known`);
  for (const a of annotations) {
    const eq = a.indexOf('=');
    working.annotations[eq < 0 ? a : a.slice(0, eq)] = eq < 0 ? '' : a.slice(eq + 1);
  }
  return { stdout: '', stderr: '', exitCode: 0 };
}

function commit(s: NodeStorage, ctx: CommandContext, args: string[]): CommandResult {
  const [ctr, name] = args.filter((a) => !a.startsWith('-'));
  const working = ctr ? s.workingContainers(ctx.host.name)[ctr] : undefined;
  if (!ctr) return fail('container ID must be specified');
  if (!working) return fail(`reading build container "${ctr}": container not known`);
  const id = s.newId(`image:${ctx.host.name}`);
  const blob = s.newId('blob');
  const ref = localName(name ?? working.name);
  s.localImages(ctx.host.name)[ref] = { ref, id, layer: working.layer ?? '', annotations: { ...working.annotations }, createdAtMs: ctx.host.now() };
  ctx.host.advance(300);
  return { stdout: `${copying(blob, id)}${id}\n`, stderr: '', exitCode: 0 };
}

function rm(s: NodeStorage, ctx: CommandContext, args: string[]): CommandResult {
  const working = s.workingContainers(ctx.host.name);
  let stdout = '';
  for (const name of args.filter((a) => !a.startsWith('-'))) {
    const w = working[name];
    if (!w) return { ...fail(`removing container "${name}": container not known`), stdout };
    delete working[name];
    stdout += `${w.id}\n`;
  }
  return { stdout, stderr: '', exitCode: 0 };
}

function push(s: NodeStorage, ctx: CommandContext, args: string[]): CommandResult {
  const [src, dest] = args.filter((a) => !a.startsWith('-'));
  if (!src) return fail('at least one source image ID must be specified');
  const image = s.localImages(ctx.host.name)[localName(src)];
  if (!image) return fail(`${src}: image not known`);
  const target = parseImage((dest ?? src).replace(/^docker:\/\//, ''));
  if (target.repository.startsWith('docker.io/')) return fail(`pushing image "${src}" to "docker://${dest ?? src}": writing blob: initiating layer upload to /v2/${target.repository.slice(10)}/blobs/uploads/ in registry-1.docker.io: requested access to the resource is denied`);
  s.state.registry[target.normalized] = { ...image, ref: target.normalized };
  ctx.host.advance(600);
  return { stdout: copying(s.newId('blob'), image.id), stderr: '', exitCode: 0 };
}

function images(s: NodeStorage, ctx: CommandContext): CommandResult {
  const w = new TabWriter({ minwidth: 0, tabwidth: 8, padding: 3, padchar: ' ', flags: 0 });
  w.write('REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\n');
  for (const img of Object.values(s.localImages(ctx.host.name)).sort((a, b) => b.createdAtMs - a.createdAtMs)) {
    const ref = parseImage(img.ref);
    w.write(`${ref.repository}\t${ref.tag}\t${img.id.slice(0, 12)}\t${humanDuration(ctx.host.now() - img.createdAtMs)} ago\t${(img.layer.length / 1000).toFixed(1)} KB\n`);
  }
  w.flush();
  return { stdout: w.toString(), stderr: '', exitCode: 0 };
}

/** `buildah`: build an image from a checkpoint archive on a node and push it to a registry. */
export function createBuildah(cluster: Cluster): Command {
  return (ctx) => {
    const s = storageOf(cluster);
    if (!s) return fail('no image storage on this node');
    const [verb, ...rest] = ctx.argv;
    switch (verb) {
      case 'from':
        return from(s, ctx.host.name, rest);
      case 'add':
        return add(s, ctx, rest);
      case 'config':
        return config(s, ctx, rest);
      case 'commit':
        return commit(s, ctx, rest);
      case 'rm':
        return rm(s, ctx, rest);
      case 'push':
        return push(s, ctx, rest);
      case 'images':
        return images(s, ctx);
      default:
        return fail(`unknown command "${verb ?? ''}" for "buildah"`);
    }
  };
}
