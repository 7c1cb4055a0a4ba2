// The grading sheet by keyboard: on a row's grade, the keys 1 to 4 choose a grade and move to the next row.
document.addEventListener("keydown", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "radio" || !input.closest("#grading-sheet")) return;
  const choice = input.closest("fieldset").querySelector(`input[data-key="${event.key}"]`);
  if (!choice) return;
  event.preventDefault();
  choice.checked = true;
  // Focus follows the choice, so that on the last row Tab leaves the group for Save.
  choice.focus();
  const rows = [...document.querySelectorAll("#grading-sheet fieldset")];
  const next = rows[rows.indexOf(choice.closest("fieldset")) + 1];
  if (next) (next.querySelector("input:checked") || next.querySelector("input[type=radio]")).focus();
});
