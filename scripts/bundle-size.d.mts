export declare const JS_BUDGET_BYTES: number;
export type EntryAsset = { ref: string; kind: 'js' | 'css'; raw: number; gz: number };
export declare function measureEntryAssets(root?: string): { files: EntryAsset[]; js: number; css: number };
