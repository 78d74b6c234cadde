// Forms: each input gets an error line (aria-live) next to it; an API problem's detail goes next to the
// field its `field` names (a hidden field is revealed first: the code field on mfa_required, the password
// on reauthentication_required), else to the form's alert line (409 mfa_required_by_application lists the
// applications in its detail).

import { ApiProblem } from './api.js';

/** Announces a message in the page's status region (role=status, aria-live=polite); the page's error alert goes. */
export function announce(message) {
  document.getElementById('page-alert')?.remove();
  const status = document.getElementById('status');
  status.textContent = '';
  if (message) setTimeout(() => { status.textContent = message; }, 50);
}

/**
 * Shows an error outside any form as an alert (role=alert, in the error style): at the end of `cell` (the table cell
 * whose button failed) or else under the page's status line, which it clears. A link to two-factor authentication
 * when an application requires it.
 */
export function alertError(error, cell) {
  announce('');
  const line = element('p', { class: 'form-error', role: 'alert' }, error.detail || error.message);
  if (error.code === 'mfa_required_by_application') line.append(' ', element('a', { href: '/two-factor' }, 'Turn on two-factor authentication'));
  if (cell) {
    cell.append(line);
  } else {
    line.id = 'page-alert';
    document.getElementById('status').after(line);
  }
}

/** Runs the action of a table row's button, the button disabled meanwhile; its error appears in the button's cell. */
export async function rowAction(button, action) {
  const cell = button.closest('td');
  cell.querySelector('[role=alert]')?.remove();
  button.disabled = true;
  try {
    await action();
  } catch (error) {
    alertError(error, cell);
  } finally {
    button.disabled = false;
  }
}

/** Makes a form submit through `submit(values, form)`; errors it throws are shown beside their fields. */
export function bindForm(form, submit) {
  prepare(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      await submit(values(form), form);
    } catch (error) {
      showError(form, error);
    } finally {
      button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
  return form;
}

/** The fieldset of a group of checkboxes sharing one name (one field of the API, e.g. a list of roles), else null. */
function groupOf(form, input) {
  return input.type === 'checkbox' && form.querySelectorAll(`[name="${CSS.escape(input.name)}"]`).length > 1
    ? input.closest('fieldset[id]') : null;
}

function prepare(form) {
  for (const input of form.querySelectorAll('input, select, textarea')) {
    if (!input.id) continue;
    const set = groupOf(form, input);
    const holder = set || input;
    if (document.getElementById(`${holder.id}-error`)) continue;
    const line = document.createElement('p');
    line.className = 'field-error';
    line.id = `${holder.id}-error`;
    line.setAttribute('aria-live', 'polite');
    if (set) set.append(line);
    else (input.type === 'checkbox' ? input.closest('.field').lastElementChild : input).after(line);
    holder.setAttribute('aria-describedby',
      [holder.getAttribute('aria-describedby'), line.id].filter(Boolean).join(' '));
  }
  for (const button of form.querySelectorAll('[data-switch]')) {
    button.addEventListener('click', () => {
      button.closest('.field').hidden = true;
      const other = document.getElementById(button.dataset.switch);
      other.hidden = false;
      other.querySelector('input').focus();
    });
  }
  const alert = document.createElement('div');
  alert.className = 'form-error';
  alert.setAttribute('role', 'alert');
  alert.setAttribute('aria-live', 'assertive');
  form.querySelector('.actions').before(alert);
}

/** The named, visible, non-empty fields as a JSON object (numbers for data-number, booleans for checkboxes). */
export function values(form) {
  const result = {};
  for (const element of form.elements) {
    if (!element.name || element.disabled || element.closest('[hidden]')) continue;
    if (element.type === 'checkbox') {
      result[element.name] = element.checked;
    } else if (element.value !== '') {
      result[element.name] = 'number' in element.dataset ? Number(element.value) : element.value;
    }
  }
  return result;
}

export function clearErrors(form) {
  for (const line of form.querySelectorAll('.field-error')) line.textContent = '';
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  const alert = form.querySelector('.form-error');
  alert.replaceChildren();
}

/** Shows an error: beside the field the problem names, or in the form's alert line. */
export function showError(form, error) {
  const problem = error instanceof ApiProblem ? error : { detail: `Something went wrong: ${error.message}` };
  let message = problem.detail;
  if (problem.retryAfter) message += ` Try again in ${problem.retryAfter} seconds.`;
  const input = problem.field ? form.querySelector(`[name="${CSS.escape(problem.field)}"]`) : null;
  const alert = form.querySelector('.form-error');
  if (input) {
    const group = input.closest('.field');
    if (group.hidden) {
      for (const other of form.querySelectorAll('[data-reveal]')) {
        if (other !== group && other.querySelector('[data-switch]')) other.hidden = true;
      }
      group.hidden = false;
    }
    const set = groupOf(form, input);
    for (const box of set ? set.querySelectorAll(`[name="${CSS.escape(input.name)}"]`) : [input]) box.setAttribute('aria-invalid', 'true');
    document.getElementById(`${(set || input).id}-error`).textContent = message;
    input.focus();
  } else {
    alert.textContent = message;
  }
}

/**
 * A modal confirmation: `text`, optional `fields` (HTML of .field blocks), and `action(values)` run on confirm;
 * errors it throws stay in the dialog beside their fields. Resolves with the action's result, or null if cancelled.
 */
export function confirmDialog({ title, text, confirmLabel, danger = false, fields = [], action }) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.setAttribute('aria-labelledby', 'dialog-title');
    const heading = element('h2', { id: 'dialog-title' }, title);
    const form = element('form', { novalidate: '' });
    const explanation = element('p', {}, text);
    const confirm = element('button', { type: 'submit', class: danger ? 'danger' : '' }, confirmLabel);
    const cancel = element('button', { type: 'button', class: 'secondary' }, 'Cancel');
    const actions = element('div', { class: 'actions' }, confirm, cancel);
    form.append(explanation, ...fields, actions);
    dialog.append(heading, form);
    document.body.append(dialog);
    let result = null;
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    bindForm(form, async (formValues) => {
      result = await action(formValues);
      dialog.close();
    });
    dialog.showModal();
    confirm.focus();
  });
}

/** A .field block: label and input, optionally hidden until a problem names it. */
export function field({ id, name, label, type = 'text', autocomplete = 'off', hidden = false, hint }) {
  const block = element('div', { class: 'field' });
  if (hidden) {
    block.hidden = true;
    block.dataset.reveal = '';
  }
  block.append(element('label', { for: id }, label));
  if (hint) block.append(element('p', { class: 'hint', id: `${id}-hint` }, hint));
  const input = element('input', { id, name, type, autocomplete });
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  block.append(input);
  return block;
}

/** document.createElement with attributes and children (strings become text). */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== '' || name === 'novalidate') node.setAttribute(name, value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}
