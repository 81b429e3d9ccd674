import type { AppKind } from './types';

/**
 * What an image's root directory holds besides the files the simulation models, so that
 * `kubectl exec POD -- ls /` lists what the real image does (the container runtime adds `proc`,
 * `sys` and `dev` as mounts). These directories exist and are empty here: `ls /tmp` prints
 * nothing, as in a fresh container, and `ls /nope` still fails.
 */
const DEBIAN = ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'];
const ALPINE = ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'];
/** The busybox image: a static busybox and its applet links, nothing else. */
const BUSYBOX = ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'];

const ROOT_DIRECTORIES: Record<AppKind, readonly string[]> = {
  // nginx/docker-nginx's Dockerfile adds its entrypoint scripts' directory at the root.
  nginx: [...DEBIAN, 'docker-entrypoint.d'].sort(),
  // redis's Dockerfile: `WORKDIR /data`.
  redis: [...DEBIAN, 'data'].sort(),
  dnsutils: DEBIAN,
  // A distroless-style image whose exact top level we have not checked: only modelled files show.
  'kube-proxy': [],
  counter: DEBIAN,
  transcoder: DEBIAN,
  'http-app': ALPINE,
  busybox: BUSYBOX,
  // No shell to list them with.
  'control-plane': [],
  pause: [],
  crashloop: [],
  coredns: [],
  'stream-server': [],
};

const SKELETONS = new Map<AppKind, ReadonlySet<string>>(Object.entries(ROOT_DIRECTORIES).map(([kind, dirs]) => [kind as AppKind, new Set(dirs.map((d) => `/${d}`))]));

/** The image's top-level directories (`bin`, `etc`, ...); none for a kind we do not know. */
export function rootDirectories(kind: string): readonly string[] {
  return ROOT_DIRECTORIES[kind as AppKind] ?? [];
}

/** True when `path` is one of the image's (empty) top-level directories. */
export function isRootDirectory(kind: AppKind, path: string): boolean {
  return SKELETONS.get(kind)?.has(path) === true;
}

/** The image's WORKDIR, where `kubectl exec` commands start (`/` unless the Dockerfile sets one). */
export function workingDirectory(kind: string): string {
  return kind === 'redis' ? '/data' : '/';
}

/** /etc/os-release as the image's distribution ships it. */
export const OS_RELEASE = {
  bookworm:
    'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
  jessie:
    'PRETTY_NAME="Debian GNU/Linux 8 (jessie)"\nNAME="Debian GNU/Linux"\nVERSION_ID="8"\nVERSION="8 (jessie)"\nID=debian\nHOME_URL="http://www.debian.org/"\nSUPPORT_URL="http://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
  alpine:
    'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n',
} as const;
