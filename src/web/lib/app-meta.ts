import { APP_META_TAGS, type DemoMemberLink, type PageMeta } from '../../contract/app-meta';

function content(name: string): string | null {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? null;
}

function isDemoMemberLink(value: unknown): value is DemoMemberLink {
  if (typeof value !== 'object' || value === null) return false;
  const { id, label } = value as Record<string, unknown>;
  return typeof id === 'string' && typeof label === 'string';
}

/**
 * What the server wrote into index.html (src/contract/app-meta.ts): demo or live, demo
 * members to suggest, who is signed in. Checked by hand rather than with zod so that `/`
 * does not load zod at all.
 */
export function readAppMeta(): PageMeta {
  const mode = content(APP_META_TAGS.mode) === 'demo' ? 'demo' : 'live';
  let demoMembers: DemoMemberLink[] = [];
  const raw = content(APP_META_TAGS.demoMembers);
  if (raw) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) demoMembers = parsed.filter(isDemoMemberLink);
    } catch {
      // A malformed tag only costs the suggestions.
    }
  }
  const signedInAs = content(APP_META_TAGS.signedInAs)?.trim() || null;
  return { mode, demoMembers, signedInAs };
}
