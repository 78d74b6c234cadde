import { api } from './api.js';
import { element } from './forms.js';
import { accountPage, time } from './layout.js';

await accountPage();
const me = await api('GET', '/me');
const facts = document.getElementById('profile-facts');
const row = (label, value, id) => facts.append(element('dt', {}, label), element('dd', { id }, value));
row('Email', `${me.email}${me.emailVerified ? '' : ' (not confirmed)'}`, 'profile-email');
row('Name', me.name ?? '—', 'profile-name');
row('Username', me.username ?? '—', 'profile-username');
const mfa = element('a', { href: '/two-factor' }, me.mfaEnabled ? 'On' : 'Off');
row('Two-factor authentication', mfa, 'profile-mfa');
if (me.mfaEnabled) row('Recovery codes left', String(me.recoveryCodesLeft), 'profile-recovery');
row('Member since', time(me.createdAt), 'profile-created');
row('Account id', element('code', {}, me.id), 'profile-id');
