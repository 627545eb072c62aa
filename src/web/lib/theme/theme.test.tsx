import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A controllable prefers-color-scheme: jsdom has no matchMedia of its own. */
function fakeSystem(dark: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    get matches() {
      return dark;
    },
    addEventListener: (_: string, l: () => void) => listeners.add(l),
    removeEventListener: (_: string, l: () => void) => listeners.delete(l),
  };
  vi.stubGlobal('matchMedia', () => query);
  return {
    set(next: boolean) {
      dark = next;
      for (const l of listeners) l();
    },
  };
}

const isDark = () => document.documentElement.classList.contains('dark');

// Each test gets the module fresh: the theme keeps the choice in module state.
async function load() {
  vi.resetModules();
  return { theme: await import('./theme'), Toggle: (await import('./theme-toggle')).default };
}

beforeEach(() => {
  localStorage.clear();
  document.documentElement.className = '';
});

describe('theme', () => {
  it('follows the system, also when the system changes', async () => {
    const system = fakeSystem(true);
    const { theme } = await load();
    theme.initTheme();
    expect(isDark()).toBe(true);
    system.set(false);
    expect(isDark()).toBe(false);
  });

  it('remembers a choice that differs from the system, across reloads', async () => {
    fakeSystem(false);
    let { theme } = await load();
    theme.initTheme();
    theme.setTheme('dark');
    expect(isDark()).toBe(true);
    ({ theme } = await load());
    document.documentElement.className = '';
    theme.initTheme();
    expect(isDark()).toBe(true);
  });

  it('choosing what the system prefers forgets the choice, so the system leads again', async () => {
    const system = fakeSystem(false);
    const { theme } = await load();
    theme.initTheme();
    theme.setTheme('dark');
    theme.setTheme('light');
    expect(localStorage.length).toBe(0);
    system.set(true);
    expect(isDark()).toBe(true);
  });

  it('the toggle is a pressed/unpressed "Dark theme" button', async () => {
    fakeSystem(false);
    const { theme, Toggle } = await load();
    theme.initTheme();
    render(<Toggle />);
    const button = screen.getByRole('button', { name: 'Dark theme' });
    expect(button).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-pressed', 'true');
    expect(isDark()).toBe(true);
    act(() => theme.setTheme('light'));
    expect(button).toHaveAttribute('aria-pressed', 'false');
  });
});
