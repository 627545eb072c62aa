import { Link } from 'react-router';
import { HOME_PATH } from '../lib/app-urls';
import { useDocumentTitle } from '../lib/use-document-title';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <div className="mx-auto max-w-2xl py-12">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-zinc-700 dark:text-zinc-300">There is nothing at this address.</p>
      <Link to={HOME_PATH} className="mt-4 inline-block font-medium text-indigo-700 underline dark:text-indigo-300">
        Go to member search
      </Link>
    </div>
  );
}
