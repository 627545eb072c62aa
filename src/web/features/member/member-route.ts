// The member route's module, loaded on demand (see router.tsx).
export { MemberError } from './member-error';
export { memberLoader, MemberPage } from './member-page';
