/** Names for the files the page hands out. */

/** The module id as a file or folder name: characters a file system might refuse become `-`. */
export function safeFileStem(moduleId: string): string {
  return moduleId.replace(/[^\w.-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '') || 'module';
}

/**
 * The exported diagram's file name. A PNG made at another scale than 1 says so (`@2x`, the usual name for a
 * high-density bitmap); an SVG does not: it is a drawing, sharp at every size, and its scale only sets the size
 * it opens at.
 * @example diagramFileName('MoLOS-Tasks', 'png', 2) // 'MoLOS-Tasks-diagram@2x.png'
 * @example diagramFileName('MoLOS-Tasks', 'svg', 2) // 'MoLOS-Tasks-diagram.svg'
 */
export function diagramFileName(moduleId: string, format: 'svg' | 'png', scale: number): string {
  const suffix = format === 'png' && scale !== 1 ? `@${scale}x` : '';
  return `${safeFileStem(moduleId)}-diagram${suffix}.${format}`;
}
