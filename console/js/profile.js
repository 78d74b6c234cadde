import { api } from './api.js';
import { announce, bindForm, element } from './forms.js';
import { accountPage, time } from './layout.js';

await accountPage();
const facts = document.getElementById('profile-facts');
const profileForm = document.getElementById('profile-form');

function show(me) {
  facts.replaceChildren();
  const row = (label, value, id) => facts.append(element('dt', {}, label), element('dd', { id }, value));
  row('Email', `${me.email}${me.emailVerified ? '' : ' (not confirmed)'}`, 'profile-email');
  row('Name', me.name ?? '—', 'profile-name');
  row('Username', me.username ?? '—', 'profile-username');
  row('Two-factor authentication', element('a', { href: '/two-factor' }, me.mfaEnabled ? 'On' : 'Off'), 'profile-mfa');
  if (me.mfaEnabled) row('Recovery codes left', String(me.recoveryCodesLeft), 'profile-recovery');
  row('Member since', time(me.createdAt), 'profile-created');
  row('Account id', element('code', {}, me.id), 'profile-id');
  profileForm.elements.name.value = me.name ?? '';
  profileForm.elements.username.value = me.username ?? '';
}

show(await api('GET', '/me'));
bindForm(profileForm, async (values) => {
  show(await api('PATCH', '/me', values));
  announce('Your profile is saved.');
});
const emailForm = document.getElementById('email-form');
bindForm(emailForm, async (values) => {
  await api('POST', '/me/email', values);
  emailForm.reset();
  announce(`A link is on its way to ${values.email}: open it in this browser to move your account there.`);
});
