/** What the course needs of a docs page (Astro's collection entries have more). */
export interface LessonLike {
  id: string;
  data: { title: string; order?: number; labs?: string[] };
}

/**
 * The course's lessons in order: pages with an `order` (or labs) in their frontmatter, each once
 * (translations under zh-cn/ are the same lessons in another language).
 */
export function courseLessons<T extends LessonLike>(pages: readonly T[]): T[] {
  return pages
    .filter((p) => !p.id.startsWith('zh-cn/') && (p.data.order !== undefined || (p.data.labs?.length ?? 0) > 0))
    .sort((a, b) => (a.data.order ?? Number.MAX_SAFE_INTEGER) - (b.data.order ?? Number.MAX_SAFE_INTEGER) || a.data.title.localeCompare(b.data.title));
}

/** A docs page's URL under the site's base path. */
export function pageHref(id: string, base = import.meta.env.BASE_URL): string {
  return `${base.replace(/\/$/, '')}/${id === 'index' ? '' : `${id.replace(/\/index$/, '')}/`}`;
}
