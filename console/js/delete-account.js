import { api, clearSession } from './api.js';
import { announce, bindForm, element } from './forms.js';
import { accountPage } from './layout.js';

await accountPage();
const $ = (id) => document.getElementById(id);
const form = bindForm($('delete-form'), async (values) => {
  await api('DELETE', '/me', values);
  clearSession(); // every token of the account stops working now
  form.hidden = true;
  $('da-preview').hidden = true;
  $('nav').replaceChildren();
  const done = $('da-done');
  done.hidden = false;
  done.focus();
  announce('Your account is deleted.');
});
const preview = await api('GET', '/me/deletion');
const owned = preview.ownedApplications;
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
if (owned.length) {
  $('da-owned').append(
    element('p', {}, 'The applications you own are deleted with it, and their members lose access:'),
    element('ul', { id: 'da-owned-list' }, ...owned.map((app) => element('li', {},
      element('a', { href: `/application?id=${encodeURIComponent(app.id)}` }, app.name),
      ` (${plural(app.memberCount, 'member', 'members')})`))),
    element('p', {}, 'To keep one, transfer its ownership to another member first.'));
}
$('da-counts').append(
  element('li', {}, `Your membership of ${plural(preview.memberships, 'other application', 'other applications')} ends.`),
  element('li', {}, `${plural(preview.apiKeys, 'API key stops', 'API keys stop')} working.`),
  element('li', {}, `${plural(preview.sessions, 'session ends', 'sessions end')}, this one too.`));
$('da-code-field').hidden = !preview.mfaEnabled;
$('da-preview').hidden = false;
form.hidden = false;
