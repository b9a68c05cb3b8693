// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('error boundary (issue 11 item 5)', () => {
  it('shows a way out instead of a blank page; reset reloads and renders again', async () => {
    let broken = true;
    const Doc = () => {
      if (broken) throw new Error('modules is not iterable');
      return <p>editor</p>;
    };
    const onDownload = vi.fn();
    const onReset = vi.fn(() => (broken = false));
    const host = document.createElement('div');
    document.body.append(host);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const root = createRoot(host);
    await act(async () => root.render(<ErrorBoundary onDownload={onDownload} onReset={onReset}><Doc /></ErrorBoundary>));
    expect(host.textContent).toContain('modules is not iterable');
    const button = (name: string) => [...host.querySelectorAll('button')].find((b) => b.textContent === name)!;
    await act(async () => button('Download the stored document').click());
    expect(onDownload).toHaveBeenCalledTimes(1);
    await act(async () => button('Reset to the tutorial').click());
    expect(onReset).toHaveBeenCalledTimes(1);
    expect(host.textContent).toBe('editor');
    spy.mockRestore();
    root.unmount();
  });
});
