export declare const JS_BUDGET_BYTES: number;
export declare const IDLE_JS_BUDGET_BYTES: number;
export declare const LOADED_AT_IDLE_ON_HOME: readonly string[];
export type EntryAsset = { ref: string; kind: 'js' | 'css'; raw: number; gz: number };
export type Measured = { files: EntryAsset[]; js: number; css: number };
export type ViteManifest = Record<
  string,
  { file: string; name?: string; isDynamicEntry?: boolean; imports?: string[]; css?: string[] }
>;
export declare function readManifest(root?: string): ViteManifest;
export declare function chunkKey(manifest: ViteManifest, name: string): string;
export declare function chunkFiles(manifest: ViteManifest, name: string, into?: Set<string>): Set<string>;
export declare function measureEntryAssets(root?: string): Measured;
export declare function measureIdleAssets(root?: string): Measured;
