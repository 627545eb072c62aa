import { isKnown } from '../contract/member';

declare const unlistedMark: unique symbol;

/**
 * An enum value the SDK does not list (yet). Whop adds values over time and the dashboard
 * must show them neutrally, so a few fixtures (mber_demoFuture, its membership) carry some.
 * Only a value made by `unlisted()` gets past the SDK's enums: a typo in a documented value
 * stays a type error.
 */
export type Unlisted = string & { readonly [unlistedMark]: true };

export function unlisted(value: string): Unlisted {
  // The one cast of the stand-in: a plain string, marked as deliberately undocumented.
  return value as Unlisted;
}

/** T exactly as the SDK has it, except that the fields K also take unlisted values. */
export type WithUnlisted<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | Unlisted };

/** A value as the documented one it is, or marked unlisted when `values` does not hold it. */
export function listedOr<const T extends readonly string[]>(values: T, value: string): T[number] | Unlisted {
  return isKnown(values, value) ? value : unlisted(value);
}
