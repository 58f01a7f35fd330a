/**
 * What a session sets up in the page (listeners for the page being hidden or left, the channel to the other tabs)
 * acts until `dispose`, and not after it. The page is a pair of event targets here; the channel is Node's own
 * BroadcastChannel, which talks between channels of one process as it does between tabs.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Editor } from './editor.svelte';
import { Session } from './session.svelte';
import { memoryDesignStore } from './storage';

const EXAMPLE = readFileSync('static/examples/molos-example.json', 'utf8');
const SAVES_CHANNEL = 'molos-schema-studio:saves';

let page: EventTarget;
let doc: EventTarget & { visibilityState: string };

beforeEach(() => {
  vi.stubGlobal('fetch', async () => new Response(EXAMPLE));
  page = new EventTarget();
  doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  vi.stubGlobal('window', page);
  vi.stubGlobal('document', doc);
});
afterEach(() => vi.unstubAllGlobals());

type Inside = { autosaver: { flush(): Promise<void> } };

async function started() {
  const editor = new Editor();
  const session = new Session(editor, '/examples/molos-example.json', { openStore: async () => memoryDesignStore() });
  await session.start();
  const flush = vi.spyOn((session as unknown as Inside).autosaver, 'flush');
  return { editor, session, flush };
}

/** Sends a message as another tab would and waits until it could have arrived. */
async function otherTabSays(message: unknown) {
  const other = new BroadcastChannel(SAVES_CHANNEL);
  other.postMessage(message);
  await new Promise((r) => setTimeout(r, 50));
  other.close();
}

describe('Session.dispose', () => {
  it('stops writing on pagehide and on a hidden page', async () => {
    const { session, flush } = await started();
    page.dispatchEvent(new Event('pagehide'));
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(flush).toHaveBeenCalledTimes(2);

    session.dispose();
    page.dispatchEvent(new Event('pagehide'));
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it('stops asking before the page is left with unsaved changes', async () => {
    const { session } = await started();
    session.saveState = { status: 'failed', error: 'full', savedAt: null };
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      page.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave()).toBe(true);
    session.dispose();
    expect(leave()).toBe(false);
  });

  it('closes the channel to the other tabs', async () => {
    const { session } = await started();
    const refresh = vi.spyOn(session, 'refresh');
    await otherTabSays({ id: 'another-design', revision: 3 });
    expect(refresh).toHaveBeenCalledTimes(1);

    session.dispose();
    await otherTabSays({ id: 'another-design', revision: 4 });
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('may be called twice', async () => {
    const { session, flush } = await started();
    session.dispose();
    session.dispose();
    page.dispatchEvent(new Event('pagehide'));
    expect(flush).not.toHaveBeenCalled();
  });
});
