/**
 * The Whop API version this dashboard was built and tested against, sent as
 * `Api-Version-Date` on every call. Pinned here rather than left to the SDK, whose default
 * moves with its releases and which `WHOP_API_VERSION` in the environment silently
 * overrides. Change it together with the stand-in's KNOWN_API_VERSIONS and the schemas.
 */
export const WHOP_API_VERSION = '2026-07-20';
