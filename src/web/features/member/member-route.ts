// The member route's module, loaded on demand (see router.tsx).
import { warmFormattersWhenIdle } from '../../format/warm-formatters';

export { MemberError } from './member-error';
export { memberLoader, MemberPage } from './member-page';

warmFormattersWhenIdle();
