// The designer is a static single-page app: every page is prerendered as a shell and runs in the browser only
// (the generators load ts-morph in a Web Worker, which has no server-side counterpart).
export const prerender = true;
export const ssr = false;
