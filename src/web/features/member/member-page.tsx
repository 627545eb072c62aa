import { QueryClientProvider, useSuspenseQuery } from '@tanstack/react-query';
import { useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { parseMemberId } from '../../../contract/member-id';
import { ApiError } from '../../api/api-error';
import { useDocumentTitle } from '../../layout/use-document-title';
import { queryClient } from '../../query-client';
import { displayName, MemberDetail } from './member-detail';
import { memberQuery } from './member-query';

/** Validates the id from the URL and makes sure the member is in the cache. */
export async function memberLoader({ params }: LoaderFunctionArgs) {
  const parsed = parseMemberId(params.id ?? '');
  if (!parsed.ok) throw new ApiError(400, 'invalid_member_id', parsed.message);
  await queryClient.ensureQueryData(memberQuery(parsed.id));
  return { id: parsed.id };
}

function MemberView({ id }: { id: string }) {
  const { data: member } = useSuspenseQuery(memberQuery(id));
  useDocumentTitle(displayName(member));
  return <MemberDetail member={member} />;
}

export function MemberPage() {
  const { id } = useLoaderData<typeof memberLoader>();
  return (
    <QueryClientProvider client={queryClient}>
      <MemberView id={id} />
    </QueryClientProvider>
  );
}
