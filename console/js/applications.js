import { api, flashJoined } from './api.js';
import { announce, bindForm, element, rowAction } from './forms.js';
import { accountPage, time } from './layout.js';

await accountPage();
const $ = (id) => document.getElementById(id);
bindForm($('create-app-form'), async (values) => {
  const created = await api('POST', '/applications', values);
  location.assign(`/application?id=${encodeURIComponent(created.id)}`);
});
await Promise.all([listApplications(), listInvitations()]);

async function listApplications() {
  const { applications } = await api('GET', '/applications');
  $('apps-table').tBodies[0].replaceChildren(...(applications.length ? applications.map(appRow)
    : [element('tr', {}, element('td', { colspan: '3', class: 'empty' }, 'No applications yet.'))]));
}

function appRow(app) {
  const name = element('td', {}, element('a', { href: `/application?id=${encodeURIComponent(app.id)}` }, app.name));
  if (app.blockedByMfa) {
    name.append(element('br'), element('span', { class: 'warning-text' },
      `Requires two-factor authentication of ${app.role}s: `), element('a', { href: '/two-factor' }, 'turn it on'));
  }
  return element('tr', { 'data-app': app.id }, name, element('td', {}, app.role), element('td', {}, String(app.memberCount)));
}

async function listInvitations() {
  const { invitations } = await api('GET', '/me/invitations');
  $('invitations').hidden = !invitations.length;
  $('invitations-table').tBodies[0].replaceChildren(...invitations.map(invitationRow));
}

function invitationRow(invitation) {
  const ids = { applicationId: invitation.applicationId, invitationId: invitation.id };
  const accept = element('button', { type: 'button', 'aria-label': `Accept the invitation to ${invitation.applicationName}` }, 'Accept');
  const decline = element('button', { type: 'button', class: 'secondary',
    'aria-label': `Decline the invitation to ${invitation.applicationName}` }, 'Decline');
  accept.addEventListener('click', () => rowAction(accept, async () => {
    const app = await api('POST', '/invitations/accept', ids);
    flashJoined(app);
    location.assign(`/application?id=${encodeURIComponent(app.id)}`);
  }));
  decline.addEventListener('click', () => rowAction(decline, async () => {
    await api('POST', '/invitations/decline', ids);
    await listInvitations();
    announce(`You declined the invitation to ${invitation.applicationName}.`);
  }));
  return element('tr', { 'data-invitation': invitation.id }, element('td', {}, invitation.applicationName),
    element('td', {}, invitation.role), element('td', {}, invitation.invitedBy ?? '—'),
    element('td', {}, time(invitation.expiresAt)), element('td', {}, element('div', { class: 'actions' }, accept, decline)));
}
