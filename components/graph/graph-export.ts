/** Saves a string or data URL as a file in the browser. */
export function download(filename: string, content: string, type: string): void {
  const url = content.startsWith('data:') ? content : URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (!content.startsWith('data:')) setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function exportName(namespaces: readonly string[], graphType: string, ext: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return `meshscope-graph-${namespaces.join('_')}-${graphType}-${stamp}.${ext}`;
}
