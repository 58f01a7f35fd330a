/**
 * SVG to PNG in the browser: the SVG is loaded as an image from a Blob URL, drawn onto a canvas of the wanted
 * pixel size and encoded with `canvas.toBlob`. Each way this can fail ends in an Error that says what to do.
 */
export async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The browser could not read the diagram as an image.'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error(tooLarge(width, height));
    context.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error(tooLarge(width, height));
    return blob;
  } finally {
    URL.revokeObjectURL(url);
  }
}

function tooLarge(width: number, height: number): string {
  return (
    `The browser could not make a ${width} × ${height} pixel PNG (a canvas that large needs more memory than it ` +
    'allows). Choose a smaller scale, or export SVG.'
  );
}
