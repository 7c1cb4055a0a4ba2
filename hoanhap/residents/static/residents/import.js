// The import preview: ticking "accept all warnings of this kind" ticks (and locks) each of its
// rows, so the list shows what the import will accept. Without this script the server still
// reads the kind's box alone as accepting every row of the kind.
document.addEventListener("change", (event) => {
  const kind = event.target.dataset && event.target.dataset.acceptsKind;
  if (!kind) return;
  for (const box of document.querySelectorAll(`input[data-warning-kind="${CSS.escape(kind)}"]`)) {
    box.checked = event.target.checked;
    box.disabled = event.target.checked;
  }
});
