export type BenchContext = {
  /** Small counts, for trying the harness; not figures to quote. */
  quick: boolean;
  /** A temporary folder for logs and the nginx config; removed at the end. */
  tmp: string;
  /** The key the stand-ins expect and our server sends. */
  key: string;
  /** How many generated members each stand-in serves. */
  pool: number;
  /** A member id not in flight anywhere else right now (cycles through the pool). */
  nextId: () => string;
  log: (line: string) => void;
};
