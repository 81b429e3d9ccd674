// The translation pipeline: Simplified Chinese next to English, checked without building the site.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { onRequest } from '../../src/i18n/localized-sidebar';
import { fill, UI_LOCALES, uiStrings } from '../../src/components/ui-strings';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const zhRoot = path.join(root, 'content/zh-cn');

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return pages(p);
    return /\.mdx?$/.test(e.name) ? [p] : [];
  });
}

/** What must not change in translation: code blocks (they run in CI) and the <Timeline> scripts (exported constants). */
function runnable(source: string): string[] {
  return [...source.matchAll(/```[a-z]+[^\n]*\n[\s\S]*?\n```/g), ...source.matchAll(/^export const \w+ = `[\s\S]*?`;$/gm)].map((m) => m[0]);
}

type Entry = { type: 'link'; href: string; label: string } | { type: 'group'; label: string; entries: Entry[] };

/** Run the sidebar middleware on a route of `locale` and return the sidebar it leaves. */
async function sidebarAfter(locale: string | undefined, sidebar: Entry[]): Promise<Entry[]> {
  const context = { locals: { starlightRoute: { locale, sidebar } } } as unknown as Parameters<typeof onRequest>[0];
  await onRequest(context, async () => {});
  return sidebar;
}

const link = (href: string): Entry => ({ type: 'link', href, label: href });

describe('Simplified Chinese', () => {
  it('is configured next to English at the root', async () => {
    const { LOCALES } = (await import('../../astro.config.mjs')) as { LOCALES: Record<string, { label: string; lang: string }> };
    expect(LOCALES).toEqual({ root: { label: 'English', lang: 'en' }, 'zh-cn': { label: '简体中文', lang: 'zh-CN' } });
  });

  it('translates pages that exist in English, with the same commands, manifests and timelines', () => {
    const translated = pages(zhRoot);
    expect(translated.length).toBeGreaterThan(0);
    for (const file of translated) {
      const original = path.join(root, 'content', path.relative(zhRoot, file));
      expect(existsSync(original), `${path.relative(root, file)} has an English original`).toBe(true);
      expect(runnable(readFileSync(file, 'utf8'))).toEqual(runnable(readFileSync(original, 'utf8')));
    }
  });

  it('lists the zh-cn lessons, translated or fallen back to English, in course order', async () => {
    const lessons: Entry = {
      type: 'group',
      label: '课程',
      entries: [link('/zh-cn/lessons/'), link('/zh-cn/lessons/01-pod-creation/'), link('/zh-cn/lessons/06-checkpoint-restore/'), link('/zh-cn/lessons/05-graceful-shutdown/')],
    };
    const [group] = await sidebarAfter('zh-cn', [lessons]);
    expect(group?.type === 'group' && group.entries.map((e) => (e.type === 'link' ? e.href : ''))).toEqual([
      '/zh-cn/lessons/',
      '/zh-cn/lessons/01-pod-creation/',
      '/zh-cn/lessons/05-graceful-shutdown/',
      '/zh-cn/lessons/06-checkpoint-restore/',
    ]);
  });

  it('leaves the English sidebar exactly as Starlight builds it', async () => {
    const english: Entry[] = [{ type: 'group', label: 'Lessons', entries: [link('/lessons/06-x/'), link('/lessons/01-y/')] }];
    const before = JSON.stringify(english);
    expect(JSON.stringify(await sidebarAfter(undefined, english))).toBe(before);
  });
});

describe('the lab panel and live components in every site locale', () => {
  it('has its words for each locale the site is built in', async () => {
    const { LOCALES } = (await import('../../astro.config.mjs')) as { LOCALES: Record<string, { lang: string }> };
    expect(Object.values(LOCALES).map((l) => l.lang.toLowerCase()).sort()).toEqual([...UI_LOCALES].sort());
    expect(uiStrings('zh-CN').startLab).toBe('开始实验');
    expect(uiStrings(undefined).startLab).toBe('Start lab');
  });

  it('translates every string, keeping the values it fills in', () => {
    const en = uiStrings('en');
    const zh = uiStrings('zh-cn');
    const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zh[key], key).not.toBe(en[key]);
      expect(slots(zh[key]), key).toEqual(slots(en[key]));
    }
    expect(fill(zh.checkedComplete, { done: 3, total: 3, score: 60, max: 60 })).toBe('已检查：3 个任务中完成了 3 个（60/60 分）——实验完成！');
  });
});
