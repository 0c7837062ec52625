// The letter form's picker of the actions a letter answers, enhanced with GOV.UK's
// accessible-autocomplete: type-ahead over the same server search the "Search actions"
// button runs without JavaScript. Confirming a suggestion ticks that action's box, adding
// the box when the list does not have it yet; the boxes are what the form saves.
const picker = document.querySelector("[data-action-picker]");
const boxes = document.querySelector("#action-picker-boxes .govuk-checkboxes");

function escapeHtml(text) {
  const replacements = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  return String(text).replace(/[&<>"']/g, (c) => replacements[c]);
}

function tick(action, status) {
  let box = boxes.querySelector(`input[name="answers"][value="${Number(action.id)}"]`);
  if (!box) {
    const item = document.createElement("div");
    item.className = "govuk-checkboxes__item";
    box = document.createElement("input");
    box.className = "govuk-checkboxes__input";
    box.type = "checkbox";
    box.name = "answers";
    box.value = String(Number(action.id));
    box.id = `id_answers_picked_${box.value}`;
    const label = document.createElement("label");
    label.className = "govuk-label govuk-checkboxes__label";
    label.htmlFor = box.id;
    label.textContent = action.label;
    item.append(box, label);
    boxes.querySelector("p.govuk-body")?.remove();
    boxes.append(item);
  }
  box.checked = true;
  status.textContent = `Ticked: ${action.label}`;
}

if (picker && boxes && window.accessibleAutocomplete) {
  const input = picker.querySelector('input[name="answers_search"]');
  const button = picker.querySelector('button[name="search_actions"]');
  const status = document.getElementById("action-picker-status");
  const committee = document.getElementById("id_committee");
  const container = document.createElement("div");
  const describedBy = input.getAttribute("aria-describedby");
  input.replaceWith(container);
  button.remove(); // the type-ahead searches as the officer types
  let latest = 0;
  let pending;
  window.accessibleAutocomplete({
    element: container,
    id: input.id, // the field's label still names it
    name: "", // nothing of it is sent: the ticked boxes are
    minLength: 2,
    confirmOnBlur: false,
    showNoOptionsFound: true,
    tNoResults: () => "No ongoing action matches",
    source(query, populate) {
      // One search per pause in typing, and only the latest words' answer is shown: an
      // earlier search answering late must not replace the list the officer is reading.
      clearTimeout(pending);
      const asked = ++latest;
      const show = (results) => asked === latest && populate(results);
      pending = setTimeout(() => {
        const params = new URLSearchParams({ q: query });
        if (committee && committee.value) params.set("committee", committee.value);
        fetch(`${picker.dataset.searchUrl}?${params}`, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
          .then((response) => (response.ok ? response.json() : { results: [] }))
          .then((data) => show(data.results))
          .catch(() => show([]));
      }, 150);
    },
    templates: {
      inputValue: (action) => (action ? action.label : ""),
      suggestion: (action) => escapeHtml(typeof action === "string" ? action : action.label),
    },
    onConfirm(action) {
      if (action) tick(action, status);
    },
  });
  if (describedBy) {
    const typed = document.getElementById(input.id);
    typed.setAttribute("aria-describedby", `${typed.getAttribute("aria-describedby") || ""} ${describedBy}`.trim());
  }
}
