import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type DragEvent, type FormEvent, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { BULK_MAX_LINES } from '../../../contract/bulk';
import { ApiError } from '../../lib/api/api-error';
import { useAppMeta } from '../../lib/app-meta-context';
import { bulkListPath } from '../../lib/app-urls';
import { describeError } from '../../lib/describe-error';
import { cn } from '../../lib/ui/cn';
import { useDocumentTitle } from '../../lib/use-document-title';
import { createBulkList } from './bulk-api';
import { PRIMARY, SECONDARY } from './bulk-buttons';
import { isReadableFile, linesFromFile } from './bulk-file';
import { checkLines, normaliseLines } from './bulk-lines';
import { mergeList } from './bulk-merge';
import { bulkListQuery } from './bulk-query';
import { demoLines } from './demo-lines';

const count = (n: number) => new Intl.NumberFormat().format(n);

/**
 * What to say when the server refuses the list. Its own words for the bulk codes (too many
 * lines, a bad line, a list already running): they name the line or the limit. The app's
 * message for the codes every route shares (signed out, rate limited, Whop down).
 */
function refusal(error: unknown): string {
  if (error instanceof ApiError && (error.code === 'unknown_code' || [400, 409, 413].includes(error.status))) {
    return error.message;
  }
  const view = describeError(error, undefined);
  return `${view.title}. ${view.body}`;
}

/** The list a 409 says is running (its id is in the server's message), to link to; null otherwise. */
function runningList(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'bulk_list_running') return null;
  return /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/.exec(error.message)?.[0] ?? null;
}

/** `/bulk`: paste or drop a list, look every line up at once. */
export function BulkInputPage() {
  const { mode, demoMembers } = useAppMeta();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const ids = { hint: useId(), file: useId() };
  useDocumentTitle('Bulk lookup');

  const create = useMutation({
    mutationFn: (lines: string[]) => createBulkList(lines),
    onSuccess: (list) => {
      client.setQueryData(bulkListQuery(list.id).queryKey, mergeList(undefined, list));
      void navigate(bulkListPath(list.id));
    },
    onError: (error) => {
      setProblem(refusal(error));
      setRunning(runningList(error));
    },
  });

  const lines = normaliseLines(text);

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkLines(lines);
    if (!checked.ok) {
      setProblem(checked.message);
      setRunning(null);
      return;
    }
    setProblem(null);
    setRunning(null);
    create.mutate(checked.lines);
  }

  async function read(file: File | undefined) {
    if (!file) return;
    if (!isReadableFile(file)) {
      setProblem(`${file.name} is not a .csv or .txt file.`);
      setRunning(null);
      return;
    }
    const fromFile = linesFromFile(await file.text());
    setProblem(fromFile.length === 0 ? `${file.name} holds nothing to look up.` : null);
    setRunning(null);
    if (fromFile.length > 0) setText(fromFile.join('\n'));
  }

  function drop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void read(event.dataTransfer.files[0]);
  }

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6 py-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight sm:text-2xl">Look up many members at once</h1>
        <p className="mt-1 text-zinc-600 dark:text-zinc-400">
          Paste member ids, membership ids, user ids, emails, usernames or names, one per line, or a column copied from
          a spreadsheet. Up to {count(BULK_MAX_LINES)} lines.
        </p>
      </div>
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: only a drop target; the textarea and the file picker inside are the keyboard's way */}
        <div
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={drop}
          data-testid="drop-zone"
          className={cn(
            'flex flex-col gap-2 rounded-xl border-2 border-dashed p-3',
            dragging ? 'border-indigo-500 bg-indigo-50 dark:bg-indigo-950' : 'border-zinc-300 dark:border-zinc-700',
          )}
        >
          <label htmlFor="bulk-lines" className="font-medium">
            Members to look up
          </label>
          <textarea
            id="bulk-lines"
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-describedby={ids.hint}
            aria-invalid={problem !== null && !create.isError ? true : undefined}
            rows={10}
            spellCheck={false}
            className="w-full rounded-lg border border-zinc-300 bg-white p-3 font-mono text-sm focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900"
          />
          <p id={ids.hint} className="text-sm text-zinc-600 dark:text-zinc-400">
            {count(lines.length)} {lines.length === 1 ? 'line' : 'lines'}. Or drop a .csv or .txt file here, or{' '}
            <label
              htmlFor={ids.file}
              className="cursor-pointer font-medium text-indigo-700 underline focus-within:outline-2 dark:text-indigo-300"
            >
              choose a file
            </label>
            ; from a file with several columns the one with ids or emails is taken.
          </p>
          <input
            id={ids.file}
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            className="sr-only focus:not-sr-only"
            onChange={(event) => {
              void read(event.target.files?.[0]);
              event.target.value = '';
            }}
          />
        </div>
        {problem && (
          <p role="alert" className="text-sm text-rose-800 dark:text-rose-300">
            {problem}
            {running && problem && (
              <>
                {' '}
                <Link to={bulkListPath(running)} className="font-medium underline">
                  Open the running list
                </Link>
              </>
            )}
          </p>
        )}
        <div className="flex flex-wrap gap-3">
          <button type="submit" disabled={create.isPending} className={PRIMARY}>
            {create.isPending ? 'Starting…' : 'Look up all'}
          </button>
          {mode === 'demo' && demoMembers.length > 0 && (
            <button
              type="button"
              onClick={() => {
                setText(demoLines(demoMembers).join('\n'));
                setProblem(null);
                setRunning(null);
              }}
              className={SECONDARY}
            >
              Try with demo members
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
