import { hex, sha256 } from '../sim/hash';
import type { AppKind, Signal } from './types';

/** One tag of a repository: its size on the wire and the program version it carries. */
export interface TagInfo {
  sizeBytes: number;
  /** e.g. `1.27.5` for nginx:1.27; printed by `nginx -v` and in startup logs. */
  version: string;
  /** Another tag with the same manifest (`latest` → `1.29`): same digest. */
  aliasOf?: string;
  /** ENV of this tag's image, in Dockerfile order, after the repository's. */
  env?: Record<string, string>;
}

/** A repository of the simulated registry: which program its images run and how. */
export interface RepositoryInfo {
  /** Fully qualified, e.g. `docker.io/library/nginx`. */
  repository: string;
  app: AppKind;
  tags: Record<string, TagInfo>;
  /** ENTRYPOINT + CMD when the pod gives neither command nor args. */
  entrypoint: string[];
  cmd: string[];
  /** The image's STOPSIGNAL: what the runtime sends on StopContainer. */
  stopSignal: Signal;
  /** ENV baked into the image, before the pod's env. */
  env: Record<string, string>;
  /** Every `vMAJOR.MINOR.PATCH` tag exists (Kubernetes component images), with this size. */
  releaseTags?: { sizeBytes: number };
}

const MB = 1_000_000;

/** Registry round trip before layers stream (resolve + manifest + config). */
export const REGISTRY_LATENCY_MS = 350;
/** Download rate from the registry to one node. */
export const PULL_BYTES_PER_SECOND = 25 * MB;

/**
 * The official nginx image's ENV at each version (nginx/docker-nginx, {mainline,stable}/debian
 * and alpine Dockerfiles): what `env` prints inside the container after PATH and HOSTNAME.
 */
function nginxEnv(version: string, njs: string, release: { njs: string; pkg: string; dynpkg?: string }): Record<string, string> {
  return { NGINX_VERSION: version, NJS_VERSION: njs, NJS_RELEASE: release.njs, PKG_RELEASE: release.pkg, ...(release.dynpkg ? { DYNPKG_RELEASE: release.dynpkg } : {}) };
}

const BOOKWORM = { njs: '1~bookworm', pkg: '1~bookworm', dynpkg: '1~bookworm' };
const NGINX_1_27 = nginxEnv('1.27.5', '0.8.10', BOOKWORM);
const NGINX_1_29 = nginxEnv('1.29.1', '0.9.1', BOOKWORM);

const REPOSITORIES: RepositoryInfo[] = [
  {
    repository: 'docker.io/library/nginx',
    app: 'nginx',
    tags: {
      '1.25': { sizeBytes: 70_544_635, version: '1.25.5', env: nginxEnv('1.25.5', '0.8.4', { njs: '3~bookworm', pkg: '1~bookworm' }) },
      '1.26': { sizeBytes: 71_012_412, version: '1.26.3', env: nginxEnv('1.26.3', '0.8.9', { ...BOOKWORM, dynpkg: '2~bookworm' }) },
      '1.27': { sizeBytes: 72_099_405, version: '1.27.5', env: NGINX_1_27 },
      '1.27.5': { sizeBytes: 72_099_405, version: '1.27.5', aliasOf: '1.27', env: NGINX_1_27 },
      '1.28': { sizeBytes: 72_218_064, version: '1.28.0', env: nginxEnv('1.28.0', '0.8.10', BOOKWORM) },
      '1.29': { sizeBytes: 72_322_987, version: '1.29.1', env: NGINX_1_29 },
      latest: { sizeBytes: 72_322_987, version: '1.29.1', aliasOf: '1.29', env: NGINX_1_29 },
      // nginx:alpine is nginx:alpine-slim (its ENV first) plus njs.
      '1.27-alpine': { sizeBytes: 20_524_170, version: '1.27.5', env: { NGINX_VERSION: '1.27.5', PKG_RELEASE: '1', DYNPKG_RELEASE: '1', NJS_VERSION: '0.8.10', NJS_RELEASE: '1' } },
    },
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    stopSignal: 'SIGQUIT',
    env: {},
  },
  {
    repository: 'docker.io/library/busybox',
    app: 'busybox',
    tags: {
      '1.36': { sizeBytes: 2_152_262, version: '1.36.1' },
      '1.37': { sizeBytes: 2_156_505, version: '1.37.0' },
      latest: { sizeBytes: 2_156_505, version: '1.37.0', aliasOf: '1.37' },
    },
    entrypoint: [],
    cmd: ['sh'],
    stopSignal: 'SIGTERM',
    env: {},
  },
  {
    repository: 'registry.k8s.io/pause',
    app: 'pause',
    tags: { '3.10': { sizeBytes: 320_368, version: '3.10' }, '3.9': { sizeBytes: 321_520, version: '3.9' } },
    entrypoint: ['/pause'],
    cmd: [],
    stopSignal: 'SIGTERM',
    env: {},
  },
  {
    repository: 'ghcr.io/clusterlab/http-app',
    app: 'http-app',
    tags: {
      '1.0': { sizeBytes: 8_412_903, version: '1.0.0' },
      '2.0': { sizeBytes: 8_530_118, version: '2.0.0' },
      latest: { sizeBytes: 8_530_118, version: '2.0.0', aliasOf: '2.0' },
    },
    entrypoint: ['/http-app'],
    cmd: [],
    stopSignal: 'SIGTERM',
    env: { PORT: '8080' },
  },
  {
    repository: 'docker.io/library/redis',
    app: 'redis',
    tags: {
      '7.4': { sizeBytes: 45_916_448, version: '7.4.5' },
      '8.0': { sizeBytes: 52_170_223, version: '8.0.3' },
      latest: { sizeBytes: 52_170_223, version: '8.0.3', aliasOf: '8.0' },
    },
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    stopSignal: 'SIGTERM',
    env: { REDIS_DOWNLOAD_URL: 'http://download.redis.io/releases/redis.tar.gz' },
  },
  {
    repository: 'ghcr.io/clusterlab/crashloop',
    app: 'crashloop',
    tags: { '1.0': { sizeBytes: 1_204_110, version: '1.0.0' }, latest: { sizeBytes: 1_204_110, version: '1.0.0', aliasOf: '1.0' } },
    entrypoint: ['/crashloop'],
    cmd: [],
    stopSignal: 'SIGTERM',
    env: {},
  },
  {
    repository: 'registry.k8s.io/kube-proxy',
    app: 'kube-proxy',
    // Kubernetes component images exist for every release: `v1.34.2` carries kube-proxy 1.34.2.
    tags: {},
    releaseTags: { sizeBytes: 30_400_000 },
    entrypoint: [],
    cmd: ['/usr/local/bin/kube-proxy'],
    stopSignal: 'SIGTERM',
    env: {},
  },
  ...(['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const).map((name) => ({
    repository: `registry.k8s.io/${name}`,
    app: 'control-plane' as const,
    // Like kube-proxy, a control-plane image exists for every release tag (`v1.34.2`).
    tags: {},
    releaseTags: { sizeBytes: { 'kube-apiserver': 28_900_000, 'kube-controller-manager': 26_500_000, 'kube-scheduler': 20_700_000 }[name] },
    entrypoint: [],
    cmd: [],
    stopSignal: 'SIGTERM' as const,
    env: {},
  })),
  {
    repository: 'registry.k8s.io/etcd',
    app: 'control-plane',
    tags: {
      '3.5.15-0': { sizeBytes: 56_909_194, version: '3.5.15' },
      '3.5.16-0': { sizeBytes: 57_680_541, version: '3.5.16' },
      '3.5.21-0': { sizeBytes: 58_938_593, version: '3.5.21' },
      '3.6.4-0': { sizeBytes: 62_469_390, version: '3.6.4' },
    },
    entrypoint: [],
    cmd: [],
    stopSignal: 'SIGTERM',
    env: {},
  },
  {
    repository: 'registry.k8s.io/coredns/coredns',
    app: 'coredns',
    tags: {
      'v1.11.1': { sizeBytes: 18_182_961, version: '1.11.1' },
      'v1.11.3': { sizeBytes: 18_562_039, version: '1.11.3' },
      'v1.12.0': { sizeBytes: 20_939_036, version: '1.12.0' },
      'v1.12.1': { sizeBytes: 22_384_805, version: '1.12.1' },
    },
    entrypoint: ['/coredns'],
    cmd: [],
    stopSignal: 'SIGTERM',
    env: {},
  },
  {
    repository: 'ghcr.io/clusterlab/counter',
    app: 'counter',
    tags: { '1.0': { sizeBytes: 3_211_870, version: '1.0.0' }, latest: { sizeBytes: 3_211_870, version: '1.0.0', aliasOf: '1.0' } },
    entrypoint: ['/counter'],
    cmd: [],
    stopSignal: 'SIGTERM',
    env: { PORT: '8088' },
  },
  {
    // http-app with SHUTDOWN=ignore baked in: it traps SIGTERM and carries on, so only SIGKILL ends it.
    repository: 'ghcr.io/clusterlab/stubborn',
    app: 'http-app',
    tags: { '1.0': { sizeBytes: 8_412_911, version: '1.0.0' }, latest: { sizeBytes: 8_412_911, version: '1.0.0', aliasOf: '1.0' } },
    entrypoint: ['/http-app'],
    cmd: [],
    stopSignal: 'SIGTERM',
    env: { PORT: '8080', SHUTDOWN: 'ignore' },
  },
  {
    repository: 'ghcr.io/clusterlab/transcoder',
    app: 'transcoder',
    tags: { '1.0': { sizeBytes: 96_113_402, version: '1.0.0' }, latest: { sizeBytes: 96_113_402, version: '1.0.0', aliasOf: '1.0' } },
    entrypoint: ['/usr/local/bin/transcode'],
    cmd: [],
    stopSignal: 'SIGTERM',
    env: {},
  },
  {
    repository: 'ghcr.io/clusterlab/stream-server',
    app: 'stream-server',
    tags: { '1.0': { sizeBytes: 9_884_213, version: '1.0.0' }, '2.0': { sizeBytes: 9_901_377, version: '2.0.0' }, latest: { sizeBytes: 9_901_377, version: '2.0.0', aliasOf: '2.0' } },
    entrypoint: ['/stream-server'],
    cmd: [],
    stopSignal: 'SIGTERM',
    env: { PORT: '8080' },
  },
  {
    repository: 'registry.k8s.io/e2e-test-images/jessie-dnsutils',
    app: 'dnsutils',
    tags: { '1.3': { sizeBytes: 112_416_738, version: '1.3' } },
    entrypoint: [],
    cmd: ['sh'],
    stopSignal: 'SIGTERM',
    env: {},
  },
];

const BY_REPOSITORY = new Map(REPOSITORIES.map((r) => [r.repository, r]));

/** An image reference split the way containerd normalises it. */
export interface ImageRef {
  /** What the pod spec said, e.g. `nginx:1.27`. */
  spec: string;
  /** `docker.io/library/nginx` */
  repository: string;
  tag: string;
  /** `docker.io/library/nginx:1.27`, as containerStatuses[].image shows it. */
  normalized: string;
}

/**
 * Normalise an image name as the Docker reference grammar does: no registry means docker.io,
 * a single path component means library/, no tag means latest.
 * @example parseImage('nginx:1.27').normalized === 'docker.io/library/nginx:1.27'
 */
export function parseImage(spec: string): ImageRef {
  const at = spec.indexOf('@');
  const withoutDigest = at < 0 ? spec : spec.slice(0, at);
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  let name = colon < 0 ? withoutDigest : withoutDigest.slice(0, colon);
  const tag = colon < 0 ? 'latest' : withoutDigest.slice(colon + 1);
  const first = name.split('/')[0]!;
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) name = name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
  return { spec, repository: name, tag, normalized: `${name}:${tag}` };
}

/**
 * How the runtime words a failed resolve: containerd 2.1 pulls through its transfer service
 * (containerd PR #8515), which says `failed to resolve image: ...`; 1.7 and 2.0 pulled locally
 * and said `failed to resolve reference "...": ...`.
 */
export type PullWording = 'transfer-service' | 'local-pull';

/** What the registry knows about an image, or why a pull fails. */
export type Resolution =
  | { ok: true; repo: RepositoryInfo; tag: TagInfo; digest: string; imageID: string; sizeBytes: number }
  | { ok: false; error: string };

/**
 * Resolve an image against the simulated registry. Unknown repositories and tags fail with the
 * errors containerd reports, so `kubectl describe` shows a realistic `Failed to pull image`.
 */
export function resolveImage(ref: ImageRef, local?: (ref: ImageRef) => Resolution | undefined, runtime: PullWording = 'transfer-service'): Resolution {
  // Images built and pushed inside the cluster (checkpoint images) before the catalogue.
  const built = local?.(ref);
  if (built) return built;
  const repo = BY_REPOSITORY.get(ref.repository);
  const release: TagInfo | undefined = repo?.releaseTags && /^v\d+\.\d+\.\d+$/.test(ref.tag) ? { sizeBytes: repo.releaseTags.sizeBytes, version: ref.tag.slice(1) } : undefined;
  const tag = repo?.tags[ref.tag] ?? release;
  const quoted = `"${ref.normalized}"`;
  const resolving = runtime === 'transfer-service' ? 'failed to resolve image' : `failed to resolve reference ${quoted}`;
  if (!repo) {
    return {
      ok: false,
      error: `rpc error: code = Unknown desc = failed to pull and unpack image ${quoted}: ${resolving}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    };
  }
  if (!tag) {
    return { ok: false, error: `rpc error: code = NotFound desc = failed to pull and unpack image ${quoted}: ${resolving}: ${ref.normalized}: not found` };
  }
  const digest = imageDigest(ref.repository, tag.aliasOf ?? ref.tag);
  return { ok: true, repo, tag, digest, imageID: `${ref.repository}@${digest}`, sizeBytes: tag.sizeBytes };
}

/** A stable, made-up manifest digest: the same name always has the same digest. */
export function imageDigest(repository: string, tag: string): string {
  const ref = `${repository}:${tag}`;
  let digest = DIGESTS.get(ref);
  if (digest === undefined) {
    digest = `sha256:${hex(sha256(`clusterlab-manifest:${ref}`))}`;
    // A pure function of the reference, asked for at every pull and container create: remember
    // the few a cluster uses (bounded, since learners can type any image name).
    if (DIGESTS.size >= 1024) DIGESTS.clear();
    DIGESTS.set(ref, digest);
  }
  return digest;
}

const DIGESTS = new Map<string, string>();

/** Virtual ms a pull of `sizeBytes` takes from the registry (latency plus transfer). */
export function pullDurationMs(sizeBytes: number): number {
  return REGISTRY_LATENCY_MS + Math.round((sizeBytes / PULL_BYTES_PER_SECOND) * 1000);
}
