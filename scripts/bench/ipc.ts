export type StandInMessage =
  | { type: 'ready'; baseURL: string }
  | { type: 'calls'; seq: number; total: number; forId: number };
export type StandInQuery = { type: 'calls'; seq: number; id?: string };
export type PassthroughMessage = { type: 'ready'; port: number };

/** Generated stand-in members: letters and digits after mber_, as real ids. */
export const benchMemberId = (i: number) => `mber_bench${i}`;
