// Submit small selector forms (language, facility) on change; a <noscript> button covers no-JS.
document.addEventListener("change", function (event) {
  var form = event.target.closest("form[data-autosubmit]");
  if (form) { form.submit(); }
});
