import { useDocumentTitle } from '../lib/use-document-title';
import { Frame } from './app-shell';

/** The last line of defence: something outside a route's own boundary broke. */
export function RootError() {
  useDocumentTitle('Something went wrong');
  return (
    <Frame>
      <div role="alert" className="mx-auto max-w-2xl py-12">
        <h1 className="text-2xl font-semibold">Something went wrong</h1>
        <p className="mt-2 text-zinc-700 dark:text-zinc-300">The page hit an unexpected error. Reload to try again.</p>
      </div>
    </Frame>
  );
}
