/* The admin's autocomplete boxes (select2) take their accessible name from the field they
   stand for: select2 names its combobox after the value shown, so an empty box had no name.
   The name is the select's own aria-label (inline rows, see redress/core/admin.py) or its
   label. Runs once the page's boxes are made, and again for each row "Add another" adds. */
'use strict';
{
  const nameOf = (select) => {
    const own = select.getAttribute('aria-label');
    if (own) return own;
    const label = select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
    return label ? label.textContent.replace(/:\s*$/, '').trim() : '';
  };

  const nameAll = (root) => {
    for (const select of root.querySelectorAll('select.admin-autocomplete')) {
      const box = select.nextElementSibling;
      const name = nameOf(select);
      if (!name || !box || !box.classList.contains('select2')) continue;
      const combobox = box.querySelector('.select2-selection');
      if (combobox) {
        combobox.setAttribute('aria-label', name);
        combobox.removeAttribute('aria-labelledby');
      }
      // The value shown inside the combobox is its content, not a second, unnamed text box.
      const shown = box.querySelector('.select2-selection__rendered');
      if (shown) {
        shown.removeAttribute('role');
        shown.removeAttribute('aria-readonly');
      }
    }
  };

  // After Django's own handlers, which make the select2 boxes.
  const later = (root) => setTimeout(() => nameAll(root), 0);
  document.addEventListener('DOMContentLoaded', () => later(document));
  document.addEventListener('formset:added', (event) => later(event.target));
}
