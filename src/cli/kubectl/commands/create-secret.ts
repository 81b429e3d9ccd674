/**
 * `kubectl create secret generic|tls|docker-registry NAME` (create_secret*.go): data from
 * --from-literal, --from-file (a file, `key=path`, or a directory's files) and the tls and
 * docker-registry flags (deferred-verbs.ts), base64-encoded as []byte marshals. Errors as the
 * generators word them. Loaded with the deferred programs.
 */
import type { Secret } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../engine/api/objects';
import { base64 } from '../../../engine/sim/base64';
import { configKeyErrors } from '../../../engine/api/validation/secret';
import type { KubectlContext } from '../context';
import { usageError } from '../errors';
import { generatedMeta } from '../mutation';


export type SecretGenerator = 'generic' | 'tls' | 'docker-registry';

/** addKeyFromLiteralToSecret: a valid config key, once. */
function addKey(data: Record<string, string>, key: string, value: string): void {
  const errors = configKeyErrors(key);
  if (errors.length > 0) throw usageError(`${JSON.stringify(key)} is not valid key name for a Secret ${errors.join(';')}`);
  if (Object.hasOwn(data, key)) throw usageError(`cannot add key ${key}, another key by that name already exists`);
  data[key] = base64(value);
}

/** util.ParseFileSource: `path` (its base name is the key) or `key=path`. */
function fileSource(source: string): { key: string; path: string } {
  const separators = source.split('=').length - 1;
  if (separators === 0) return { key: source.replace(/\/+$/, '').split('/').pop() ?? source, path: source };
  if (separators === 1 && source.startsWith('=')) throw usageError(`key name for file path ${source.slice(1)} missing`);
  if (separators === 1 && source.endsWith('=')) throw usageError(`file path for key name ${source.slice(0, -1)} missing`);
  if (separators > 1) throw usageError("key names or file paths cannot contain '='");
  const [key = '', path = ''] = source.split('=');
  return { key, path };
}

function addFiles(ctx: KubectlContext, data: Record<string, string>, sources: string[]): void {
  const fs = ctx.host.fs;
  for (const source of sources) {
    const { key, path } = fileSource(source);
    if (!fs.exists(path)) throw usageError(`error reading ${path}: no such file or directory`);
    if (!fs.isDir(path)) {
      addKey(data, key, fs.read(path) ?? '');
      continue;
    }
    if (source.includes('=')) throw usageError('cannot give a key name for a directory path');
    const dir = fs.resolve(path);
    for (const name of fs.list(path) ?? []) if (!fs.isDir(`${dir}/${name}`)) addKey(data, name, fs.read(`${dir}/${name}`) ?? '');
  }
}

function genericData(ctx: KubectlContext): Record<string, string> {
  const data: Record<string, string> = {};
  for (const literal of ctx.flags.array('from-literal')) {
    const eq = literal.indexOf('=');
    if (eq <= 0) throw usageError(`invalid literal source ${literal}, expected key=value`);
    addKey(data, literal.slice(0, eq), literal.slice(eq + 1));
  }
  addFiles(ctx, data, ctx.flags.array('from-file'));
  return data;
}

function tlsData(ctx: KubectlContext): Record<string, string> {
  const cert = ctx.flags.string('cert') ?? '';
  const key = ctx.flags.string('key') ?? '';
  if (!cert || !key) throw usageError('key and cert must be specified');
  const read = (path: string) => {
    const text = ctx.host.fs.isDir(path) ? undefined : ctx.host.fs.read(path);
    if (text === undefined) throw usageError(`Cannot read file ${path}, open ${path}: no such file or directory`);
    return text;
  };
  return { 'tls.crt': base64(read(cert)), 'tls.key': base64(read(key)) };
}

/** The .dockerconfigjson create_secret_docker.go writes: the registry's auth entry. */
function dockerData(ctx: KubectlContext): Record<string, string> {
  const files = ctx.flags.array('from-file');
  if (files.length > 0) {
    const data: Record<string, string> = {};
    addFiles(ctx, data, files);
    return data;
  }
  const username = ctx.flags.string('docker-username') ?? '';
  const password = ctx.flags.string('docker-password') ?? '';
  if (!username || !password) throw usageError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
  const server = ctx.flags.string('docker-server') ?? 'https://index.docker.io/v1/';
  const email = ctx.flags.string('docker-email') ?? '';
  const entry = { username, password, ...(email ? { email } : {}), auth: base64(`${username}:${password}`) };
  return { '.dockerconfigjson': base64(JSON.stringify({ auths: { [server]: entry } })) };
}

const TYPES: Record<SecretGenerator, string> = { generic: '', tls: 'kubernetes.io/tls', 'docker-registry': 'kubernetes.io/dockerconfigjson' };

export function secretObject(ctx: KubectlContext, generator: SecretGenerator, name: string): KubeObject {
  const data = generator === 'tls' ? tlsData(ctx) : generator === 'docker-registry' ? dockerData(ctx) : genericData(ctx);
  const type = generator === 'generic' ? (ctx.flags.string('type') ?? '') : TYPES[generator];
  const secret: Secret = { apiVersion: 'v1', kind: 'Secret', metadata: generatedMeta(ctx, name), data, ...(type ? { type } : {}) };
  return secret;
}
