import { useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { parseMemberId } from '../../../contract/member-id';
import { ApiError } from '../../api/api-error';
import { displayName, MemberDetail } from './member-detail';
import { memberQuery } from './member-query';
import { useDocumentTitle } from '../../layout/use-document-title';

/** Validates the id from the URL and makes sure the member is in the cache. */
export function memberLoader(queryClient: QueryClient) {
  return async ({ params }: LoaderFunctionArgs) => {
    const parsed = parseMemberId(params.id ?? '');
    if (!parsed.ok) throw new ApiError(400, 'invalid_member_id', parsed.message);
    await queryClient.ensureQueryData(memberQuery(parsed.id));
    return { id: parsed.id };
  };
}

export function MemberPage() {
  const { id } = useLoaderData<Awaited<ReturnType<ReturnType<typeof memberLoader>>>>();
  const { data: member } = useSuspenseQuery(memberQuery(id));
  useDocumentTitle(displayName(member));
  return (
    <>
      <MemberDetail member={member} />
    </>
  );
}
