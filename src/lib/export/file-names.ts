/** Names for the files the page hands out. */

/** The module id as a file or folder name: characters a file system might refuse become `-`. */
export function safeFileStem(moduleId: string): string {
  return moduleId.replace(/[^\w.-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '') || 'module';
}
