/** Ids of the relation end markers that EdgeMarkers.svelte defines once for the page. */
export const MARKERS = {
  normal: { one: 'url(#erd-one)', many: 'url(#erd-many)', zeroOne: 'url(#erd-zero-one)' },
  selected: { one: 'url(#erd-one-selected)', many: 'url(#erd-many-selected)', zeroOne: 'url(#erd-zero-one-selected)' },
} as const;
