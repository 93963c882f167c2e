// Hands a file to the user: a Blob behind an <a download>. In Electron this opens the save dialog;
// in a browser it lands in the downloads folder.
export interface DownloadableFile {
  fileName: string
  mediaType: string
  content: string
}

export function downloadFile({ fileName, mediaType, content }: DownloadableFile): void {
  const url = URL.createObjectURL(new Blob([content], { type: mediaType }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The download has started by the time the click returns; give it a moment before releasing.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
