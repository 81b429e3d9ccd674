import { fill, uiStrings } from '../ui-strings';
import { watchActiveRuntime } from '../../runtime/active';
import type { LabRuntime } from '../../runtime/types';
import { describePicture, type PictureView, type ServiceView } from './picture-model';

/** The page's language (Starlight sets <html lang>), for the words around the picture. */
const t = uiStrings(document.documentElement.lang);

/** How often the view refreshes while a lab runs: virtual time moves on its own between commands. */
const REFRESH_MS = 1000;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function list(items: string[], className?: string): HTMLUListElement {
  const ul = el('ul', undefined, className);
  for (const item of items) ul.append(el('li', item));
  return ul;
}

function renderService(service: ServiceView): HTMLElement {
  const section = el('li');
  section.append(el('strong', service.summary));
  section.append(el('p', service.endpoints.length ? t.clusterViewEndpoints : t.clusterViewNoEndpoints), list(service.endpoints));
  for (const proxy of service.proxies) {
    const item = el('div', undefined, 'cl-cluster-view__proxy');
    item.append(el('span', `${proxy.summary} sends traffic to:`));
    const targets = el('ul');
    for (const t of proxy.targets) targets.append(el('li', t.stale ? `${t.endpoint} (stale: no longer a ready endpoint)` : t.endpoint, t.stale ? 'cl-stale' : undefined));
    if (proxy.targets.length === 0) targets.append(el('li', 'nothing (traffic is rejected)'));
    for (const ip of proxy.missing) targets.append(el('li', `not yet to ${ip} (ready, but not in this node's rules yet)`, 'cl-missing'));
    item.append(targets);
    section.append(item);
  }
  return section;
}

function render(root: HTMLElement, view: PictureView): void {
  const body = el('div');
  body.append(el('p', fill(t.clusterViewTime, { time: view.time }), 'cl-cluster-view__time'));
  body.append(el('h3', t.clusterViewNodes));
  const nodes = el('ul', undefined, 'cl-cluster-view__nodes');
  for (const node of view.nodes) {
    const li = el('li');
    li.append(el('strong', node.summary), list(node.pods));
    nodes.append(li);
  }
  body.append(nodes, el('h3', t.clusterViewServices));
  const services = el('ul', undefined, 'cl-cluster-view__services');
  for (const svc of view.services) services.append(renderService(svc));
  body.append(services);
  root.replaceChildren(body);
}

/** `<cl-cluster-view>`: follows the page's running lab (src/runtime/active.ts). */
class ClusterViewElement extends HTMLElement {
  #unwatch: (() => void) | undefined;
  #unfollow: (() => void) | undefined;
  #placeholder = '';

  connectedCallback(): void {
    const live = this.querySelector<HTMLElement>('[data-live]');
    if (!live) return;
    this.#placeholder = live.textContent?.trim() ?? '';
    this.#unwatch = watchActiveRuntime((runtime) => this.#follow(live, runtime));
  }

  disconnectedCallback(): void {
    this.#unfollow?.();
    this.#unwatch?.();
  }

  #follow(live: HTMLElement, runtime: LabRuntime | undefined): void {
    this.#unfollow?.();
    this.#unfollow = undefined;
    if (!runtime) {
      live.replaceChildren(el('p', this.#placeholder));
      return;
    }
    let pending = false;
    const refresh = () => {
      if (pending || document.hidden) return;
      pending = true;
      runtime
        .picture()
        .then((picture) => render(live, describePicture(picture)))
        .catch(() => live.replaceChildren(el('p', t.clusterViewUnavailable)))
        .finally(() => (pending = false));
    };
    const offCommand = runtime.onCommand(refresh);
    const timer = setInterval(refresh, REFRESH_MS);
    refresh();
    this.#unfollow = () => {
      offCommand();
      clearInterval(timer);
    };
  }
}

if (!customElements.get('cl-cluster-view')) customElements.define('cl-cluster-view', ClusterViewElement);
