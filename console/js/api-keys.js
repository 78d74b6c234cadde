import { api } from './api.js';
import { announce, bindForm, confirmDialog, element, field } from './forms.js';
import { accountPage, copyButton, time } from './layout.js';

await accountPage();
const $ = (id) => document.getElementById(id);
const body = document.querySelector('#keys-table tbody');
const form = bindForm($('create-key-form'), async (values) => {
  const created = await api('POST', '/me/api-keys', values);
  form.reset();
  form.querySelector('[data-reveal]').hidden = true;
  await list();
  showKey(created);
});
await list();

async function list() {
  const { apiKeys } = await api('GET', '/me/api-keys');
  body.replaceChildren(...(apiKeys.length ? apiKeys.map(row)
    : [element('tr', {}, element('td', { colspan: '5', class: 'empty' }, 'No keys yet.'))]));
}

function row(key) {
  const name = element('td', {}, element('strong', {}, key.name));
  if (key.description) name.append(element('br'), element('span', { class: 'muted' }, key.description));
  const regenerate = element('button', { type: 'button', class: 'secondary' }, 'Regenerate');
  regenerate.setAttribute('aria-label', `Regenerate ${key.name}`);
  regenerate.addEventListener('click', () => regenerateKey(key));
  const revoke = element('button', { type: 'button', class: 'danger' }, 'Revoke');
  revoke.setAttribute('aria-label', `Revoke ${key.name}`);
  revoke.addEventListener('click', () => revokeKey(key));
  return element('tr', { 'data-key': key.id },
    name, element('td', {}, time(key.createdAt)), element('td', {}, time(key.lastUsedAt, 'Never')),
    element('td', {}, time(key.expiresAt, 'Never')), element('td', {}, element('div', { class: 'actions' }, regenerate, revoke)));
}

/** The key just created or regenerated: shown this once, with copy and the warning. */
let shownKeyId = null; // the key whose secret is on display

function showKey(created) {
  shownKeyId = created.id;
  $('new-key-name').textContent = created.name;
  $('new-key-value').textContent = created.key;
  $('new-key-actions').replaceChildren(copyButton('Copy the key', () => created.key));
  const section = $('new-key');
  section.hidden = false;
  section.focus();
  announce(`The key ${created.name} is ready. Copy it now: it is not shown again.`);
}

async function regenerateKey(key) {
  const created = await confirmDialog({
    title: `Regenerate ${key.name}?`,
    text: 'The key gets a new secret and the current one stops working at once. Whatever uses it needs the new one.',
    confirmLabel: 'Regenerate',
    fields: [field({ id: 'rk-password', name: 'password', label: 'Password', type: 'password',
      autocomplete: 'current-password', hidden: true,
      hint: 'You signed in more than 15 minutes ago: confirm it is you.' })],
    action: (values) => api('POST', `/me/api-keys/${encodeURIComponent(key.id)}/regenerate`, values),
  });
  if (created) {
    await list();
    showKey(created);
  }
}

async function revokeKey(key) {
  const done = await confirmDialog({
    title: `Revoke ${key.name}?`,
    text: 'The key stops working at once. This cannot be undone.',
    confirmLabel: 'Revoke',
    danger: true,
    action: async () => {
      await api('DELETE', `/me/api-keys/${encodeURIComponent(key.id)}`);
      return true;
    },
  });
  if (done) {
    if (key.id === shownKeyId) $('new-key').hidden = true; // a new secret of another key stays until copied
    await list();
    announce(`The key ${key.name} is revoked.`);
  }
}
