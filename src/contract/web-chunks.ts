import names from './web-chunks.json' with { type: 'json' };

/**
 * The app's lazily loaded chunks that others look up in Vite's build manifest
 * (dist/client/.vite/manifest.json), by the `name` the manifest gives each dynamic entry:
 * the server, for a deep link's preload header (src/server/page/deep-link-preload.ts), and
 * the size budget and its e2e checks (scripts/bundle-size.mjs, which reads the JSON beside
 * this file, being plain Node). Never by source path.
 *
 * The bundler names a dynamic import's chunk after its module's file (`member-route.ts` is
 * `member-route`). Renaming such a module fails `npm run build` (vite.config.ts checks that
 * each name here is one dynamic entry of the build) and src/contract/web-chunks.test.ts,
 * rather than silently emptying the preload header.
 */
export const WEB_CHUNKS: Readonly<Record<keyof typeof names, string>> = names;

export type WebChunk = keyof typeof WEB_CHUNKS;

/** What the build manifest says of a chunk, as far as we read it. */
export type ManifestChunk = {
  file: string;
  name?: string;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
};
export type ViteManifest = Record<string, ManifestChunk>;

/** The manifest key of the dynamic entry named `name`, or undefined when the build has none (or more than one). */
export function manifestKeyOf(manifest: ViteManifest, name: string): string | undefined {
  const keys = Object.keys(manifest).filter((key) => manifest[key]?.isDynamicEntry && manifest[key].name === name);
  return keys.length === 1 ? keys[0] : undefined;
}
