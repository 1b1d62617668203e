/** Opens the browser's print dialog, where 「PDFに保存」 is one of the printers. */
export function PrintButton() {
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      印刷する・PDFに保存
    </button>
  );
}
