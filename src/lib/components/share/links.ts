/**
 * The page side of share links: the addresses they point at (the viewer, its embed form, the designer's "open a
 * copy"), reading a link the designer was opened with, and what the designer says about a bad one.
 */
import { replaceState } from '$app/navigation';
import { resolve } from '$app/paths';
import { type Design, moduleDisplayName } from '$lib/core/design';
import { type ShareDecodeResult, decodeShare, shareDataFromHash, shareFragment } from '$lib/share/share-link';
import type { SessionReport } from '$lib/state/session-reports';

function absolute(path: string, data: string): string {
  return new URL(`${path}#${shareFragment(data)}`, location.href).href;
}

/** The read-only viewer of link data. */
export function viewerUrl(data: string): string {
  return absolute(resolve('/view'), data);
}

/** The viewer without its header, for an iframe. */
export function embedUrl(data: string): string {
  return absolute(`${resolve('/view')}?embed=1`, data);
}

/** The designer, opening the link's design as a new design. */
export function copyUrl(data: string): string {
  return absolute(resolve('/'), data);
}

/** An iframe that shows the design read-only. */
export function embedCode(data: string): string {
  return `<iframe src="${embedUrl(data)}" width="960" height="600" style="border:1px solid #d9dde5" title="MoLOS schema"></iframe>`;
}

/** What a design opened from a link is called in the designs list. */
export function copyName(design: Design): string {
  return `${moduleDisplayName(design.module)} (shared)`;
}

/** The design the address carries (`#d=…`), decoded, or null when it carries none. */
export function readSharedDesign(): ShareDecodeResult | null {
  const data = shareDataFromHash(location.hash);
  return data === null ? null : decodeShare(data);
}

/**
 * Removes the design from the address once it is opened, so a reload does not open the same copy again. Call it
 * after the page has started (SvelteKit's router refuses address changes before that).
 */
export function forgetSharedDesign(): void {
  // The empty address is this page's own, without its fragment.
  replaceState('', {});
}

/** The designer's message about a link it could not open, or that opened with repairs. */
export function sharedReport(result: ShareDecodeResult): SessionReport | null {
  if (!result.ok) {
    return {
      key: 'open',
      tone: 'error',
      title: 'The shared link could not be opened',
      lines: [
        { text: result.error.message },
        ...(result.error.problems ?? [])
          .slice(1, 10)
          .map((p) => ({ path: p.path, text: p.message, tone: 'error' as const })),
        {
          text: 'Nothing was changed. Ask for the link again: it may have been cut off or changed when it was copied.',
        },
      ],
    };
  }
  if (result.warnings.length === 0) return null;
  return {
    key: 'open',
    tone: 'warning',
    title: `The shared design was opened with ${result.warnings.length} repair${result.warnings.length === 1 ? '' : 's'}`,
    lines: result.warnings.map((w) => ({ path: w.path, text: w.message, tone: 'warning' as const })),
  };
}
