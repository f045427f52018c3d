// Saves text the core produced (a session log, a compliance CSV) as a file, the same way in the
// web console and in the desktop app: a Blob and a temporary link, no server round trip by URL.
export function saveText(fileName: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started by now; the URL only has to live until then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
