import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { PageMeta } from '../../contract/app-meta';
import { readAppMeta } from '../lib/app-meta';
import { AppMetaContext } from '../lib/app-meta-context';
import { Frame } from './app-shell';

function renderFrame(meta: PageMeta) {
  const router = createMemoryRouter([{ path: '/', element: <Frame showSearch={false}>content</Frame> }]);
  render(
    <AppMetaContext value={meta}>
      <RouterProvider router={router} />
    </AppMetaContext>,
  );
}

describe('header', () => {
  it("shows the signed-in manager's name and a Sign out button that posts to /auth/logout", () => {
    renderFrame({ mode: 'live', demoMembers: [], signedInAs: 'Marcus Weber' });
    const banner = screen.getByRole('banner');
    expect(banner).toHaveTextContent('Signed in as Marcus Weber');
    const button = screen.getByRole('button', { name: 'Sign out' });
    const form = button.closest('form')!;
    expect(form).toHaveAttribute('method', 'post');
    expect(form).toHaveAttribute('action', '/auth/logout');
  });

  it('links to the bulk lookup page', () => {
    renderFrame({ mode: 'live', demoMembers: [], signedInAs: null });
    expect(screen.getByRole('link', { name: 'Bulk lookup' })).toHaveAttribute('href', '/bulk');
  });

  it('has no sign-out control when the dashboard runs open', () => {
    renderFrame({ mode: 'demo', demoMembers: [], signedInAs: null });
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });
});

describe('readAppMeta', () => {
  afterEach(() => {
    for (const m of document.head.querySelectorAll('meta[name]')) m.remove();
  });

  it('reads the signed-in name the server wrote into index.html', () => {
    document.head.insertAdjacentHTML(
      'beforeend',
      '<meta name="app-mode" content="live"><meta name="signed-in-user" content="Grace &lt;Lee&gt;">',
    );
    expect(readAppMeta()).toMatchObject({ mode: 'live', signedInAs: 'Grace <Lee>' });
  });

  it('reads nobody when the tag is absent', () => {
    expect(readAppMeta().signedInAs).toBeNull();
  });
});
