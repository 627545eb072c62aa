import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestKeyOf, WEB_CHUNKS } from './web-chunks';

/** Every module under src/web, without tests, by path. */
function webModules(dir = 'src/web'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return webModules(file);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

describe('WEB_CHUNKS', () => {
  // The bundler names a dynamic import's chunk after its module's file: a module renamed
  // without web-chunks.json fails here, before any build (which checks the same: vite.config.ts).
  const modules = webModules();
  const imported = modules.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) =>
      path.basename(m[1] as string).replace(/\.tsx?$/, ''),
    ),
  );

  it.each(Object.entries(WEB_CHUNKS))(
    '%s (%s) is one module under src/web, which the app imports lazily',
    (_, name) => {
      expect(modules.filter((file) => path.basename(file).replace(/\.tsx?$/, '') === name)).toHaveLength(1);
      expect(imported).toContain(name);
    },
  );
});

describe('manifestKeyOf', () => {
  it('finds the one dynamic entry by the name, whatever its key; nothing when none or two are', () => {
    expect(manifestKeyOf({ 'src/x.ts': { file: 'a.js', name: 'x', isDynamicEntry: true } }, 'x')).toBe('src/x.ts');
    expect(manifestKeyOf({ _x: { file: 'a.js', name: 'x' } }, 'x')).toBeUndefined();
    const twice = {
      a: { file: 'a.js', name: 'x', isDynamicEntry: true },
      b: { file: 'b.js', name: 'x', isDynamicEntry: true },
    };
    expect(manifestKeyOf(twice, 'x')).toBeUndefined();
  });
});
