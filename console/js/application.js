import { api, flash } from './api.js';
import { announce, bindForm, clearErrors, confirmDialog, element, rowAction, showError } from './forms.js';
import { accountPage, time } from './layout.js';

await accountPage();
const $ = (id) => document.getElementById(id);
const appId = new URLSearchParams(location.search).get('id') || '';
const path = `/applications/${encodeURIComponent(appId)}`;
const ROLES = ['developer', 'operator', 'observer'];
const who = (member) => member.name || member.username || member.email;
let app;
let me;
let members = [];

bindForm($('rename-form'), async (values) => {
  await api('PATCH', path, values);
  await load();
  announce('The application is renamed.');
});
const inviteForm = bindForm($('invite-form'), async ({ invitee, role }) => {
  try {
    await api('POST', `${path}/invitations`, invitee.includes('@') ? { email: invitee, role } : { username: invitee, role });
  } catch (error) {
    if (error.field === 'email' || error.field === 'username') error.field = 'invitee';
    throw error;
  }
  inviteForm.reset();
  await listInvitations();
  announce(`The invitation to ${invitee} is sent.`);
});
const mfaForm = bindForm($('mfa-roles-form'), previewMfa);
mfaForm.addEventListener('change', () => { $('mfa-preview').hidden = true; $('mfa-roles-save').hidden = true; });
$('mfa-roles-save').addEventListener('click', saveMfa);
const transferForm = bindForm($('transfer-form'), async (values) => {
  const target = members.find((member) => member.userId === values.userId);
  await api('POST', `${path}/owner`, values);
  transferForm.reset();
  for (const group of transferForm.querySelectorAll('[data-reveal]')) group.hidden = true;
  await load();
  announce(`${target ? who(target) : 'The member'} is the owner now; you are a developer.`);
});
[me] = await Promise.all([api('GET', '/me'), load()]);

/** The application and, as far as the caller's permissions go, its members and invitations. */
async function load() {
  try {
    app = await api('GET', path);
  } catch (error) {
    if (error.code !== 'mfa_required_by_application') throw error;
    $('app-blocked-detail').textContent = error.detail;
    $('app-blocked').hidden = false;
    $('app-blocked').append(element('div', { class: 'actions' }, leaveButton()));
    return;
  }
  const can = (permission) => app.permissions.includes(permission);
  document.title = `${app.name} · Latchkey`;
  $('app-name').textContent = app.name;
  const facts = $('app-facts');
  facts.replaceChildren();
  const fact = (label, value, id) => facts.append(element('dt', {}, label), element('dd', { id }, value));
  fact('Your role', app.role, 'app-role');
  fact('Members', String(app.memberCount), 'app-member-count');
  fact('Two-factor required of', app.mfaRequiredRoles.join(', ') || 'nobody', 'app-mfa-roles');
  fact('Created', time(app.createdAt));
  const actions = [];
  if (can('application:leave')) actions.push(leaveButton());
  if (can('application:delete')) {
    const remove = element('button', { type: 'button', class: 'danger', id: 'app-delete' }, 'Delete the application');
    remove.addEventListener('click', deleteApplication);
    actions.push(remove);
  }
  $('app-actions').replaceChildren(...actions);
  $('app-facts-section').hidden = false;
  $('rename-form').hidden = !can('application:rename');
  $('rn-name').value = app.name;
  inviteForm.hidden = !can('members:invite');
  mfaForm.hidden = !can('application:set_mfa_requirements');
  for (const box of mfaForm.querySelectorAll('[name=mfaRequiredRoles]')) box.checked = app.mfaRequiredRoles.includes(box.value);
  $('mfa-preview').hidden = true;
  $('mfa-roles-save').hidden = true;
  await Promise.all([listMembers(), can('members:invite') ? listInvitations() : ($('invitations').hidden = true)]);
  const others = members.filter((member) => member.role !== 'owner');
  transferForm.hidden = !can('application:transfer_ownership') || !others.length;
  $('tr-user').replaceChildren(...others.map((member) =>
    element('option', { value: member.userId }, `${who(member)} (${member.role})`)));
}

async function listMembers() {
  ({ members } = await api('GET', `${path}/members`));
  $('members-table').tBodies[0].replaceChildren(...members.map(memberRow));
  $('members').hidden = false;
}

function memberRow(member) {
  const can = (permission) => app.permissions.includes(permission);
  const name = element('td', {}, element('strong', {}, who(member)));
  if (who(member) !== member.email) name.append(element('br'), element('span', { class: 'muted' }, member.email));
  const role = element('td', { class: 'nowrap' }, member.role);
  const actions = element('div', { class: 'actions' });
  if (member.role !== 'owner' && can('members:change_roles')) {
    const id = `role-${member.userId}`;
    const select = element('select', { id }, ...ROLES.map((r) => element('option', { value: r }, r)));
    select.value = member.role;
    const change = element('button', { type: 'button', class: 'secondary', 'aria-label': `Change the role of ${who(member)}` }, 'Change');
    change.addEventListener('click', () => rowAction(change, async () => {
      await api('PATCH', `${path}/members/${encodeURIComponent(member.userId)}`, { role: select.value });
      await load();
      announce(`${who(member)} is now ${select.value === 'operator' || select.value === 'observer' ? 'an' : 'a'} ${select.value}.`);
    }));
    role.replaceChildren(element('label', { for: id, class: 'sr-only' }, `Role of ${who(member)}`), select, ' ', change);
  }
  if (member.role !== 'owner' && member.userId !== me?.id && can('members:remove')) {
    const remove = element('button', { type: 'button', class: 'danger', 'aria-label': `Remove ${who(member)}` }, 'Remove');
    remove.addEventListener('click', async () => {
      const done = await confirmDialog({
        title: `Remove ${who(member)}?`,
        text: 'They lose access to the application at once and are told by mail.',
        confirmLabel: 'Remove',
        danger: true,
        action: async () => {
          await api('DELETE', `${path}/members/${encodeURIComponent(member.userId)}`);
          return true;
        },
      });
      if (done) {
        await load();
        announce(`${who(member)} is removed.`);
      }
    });
    actions.append(remove);
  }
  return element('tr', { 'data-member': member.userId }, name, role,
    element('td', {}, member.mfaEnabled ? 'On' : 'Off'), element('td', {}, time(member.joinedAt)), element('td', {}, actions));
}

async function listInvitations() {
  const { invitations } = await api('GET', `${path}/invitations`);
  $('invitations-table').tBodies[0].replaceChildren(...(invitations.length ? invitations.map(invitationRow)
    : [element('tr', {}, element('td', { colspan: '5', class: 'empty' }, 'No open invitations.'))]));
  $('invitations').hidden = false;
}

function invitationRow(invitation) {
  const invitee = invitation.email ?? invitation.username;
  const invitationPath = `${path}/invitations/${encodeURIComponent(invitation.id)}`;
  const resend = element('button', { type: 'button', class: 'secondary', 'aria-label': `Resend the invitation to ${invitee}` }, 'Resend');
  resend.addEventListener('click', () => rowAction(resend, async () => {
    await api('POST', `${invitationPath}/resend`);
    await listInvitations();
    announce(`The invitation to ${invitee} is sent again with a new link.`);
  }));
  const cancel = element('button', { type: 'button', class: 'danger', 'aria-label': `Cancel the invitation to ${invitee}` }, 'Cancel');
  cancel.addEventListener('click', () => rowAction(cancel, async () => {
    await api('DELETE', invitationPath);
    await listInvitations();
    announce(`The invitation to ${invitee} is cancelled.`);
  }));
  return element('tr', { 'data-invitation': invitation.id }, element('td', {}, invitee), element('td', {}, invitation.role),
    element('td', {}, invitation.status), element('td', {}, time(invitation.expiresAt)),
    element('td', {}, element('div', { class: 'actions' }, resend, cancel)));
}

const chosenRoles = () => [...mfaForm.querySelectorAll('[name=mfaRequiredRoles]:checked')].map((box) => box.value);

/** First step: whom the chosen requirement would block (GET …/members?mfaRequiredRoles=…); then Save appears. */
async function previewMfa() {
  const roles = chosenRoles();
  const preview = await api('GET', `${path}/members?mfaRequiredRoles=${encodeURIComponent(roles.join(','))}`);
  const blocked = preview.members.filter((member) => preview.mfaPreview.wouldBeBlocked.includes(member.userId));
  const box = $('mfa-preview');
  box.replaceChildren(blocked.length
    ? element('p', {}, 'These members have two-factor authentication off and would be blocked until they turn it on:')
    : element('p', {}, roles.length ? 'Nobody would be blocked.' : 'Nobody will need two-factor authentication.'));
  if (blocked.length) box.append(element('ul', {}, ...blocked.map((m) => element('li', {}, `${who(m)} (${m.role})`))));
  box.hidden = false;
  $('mfa-roles-save').hidden = false;
  $('mfa-roles-save').focus();
}

async function saveMfa() {
  clearErrors(mfaForm);
  try {
    await api('PATCH', path, { mfaRequiredRoles: chosenRoles() });
    await load();
    announce('The two-factor requirement is saved.');
  } catch (error) {
    showError(mfaForm, error);
  }
}

function leaveButton() {
  const leave = element('button', { type: 'button', class: 'secondary', id: 'app-leave' }, 'Leave the application');
  leave.addEventListener('click', async () => {
    const done = await confirmDialog({
      title: 'Leave the application?',
      text: 'You lose access at once; only a new invitation brings you back.',
      confirmLabel: 'Leave',
      danger: true,
      action: async () => {
        await api('DELETE', `${path}/members/${encodeURIComponent((me ?? await api('GET', '/me')).id)}`);
        return true;
      },
    });
    if (done) {
      flash(`You left ${app?.name ?? 'the application'}.`);
      location.assign('/applications');
    }
  });
  return leave;
}

async function deleteApplication() {
  const done = await confirmDialog({
    title: `Delete ${app.name}?`,
    text: 'The application, its members and its invitations are deleted. This cannot be undone.',
    confirmLabel: 'Delete',
    danger: true,
    action: async () => {
      await api('DELETE', path);
      return true;
    },
  });
  if (done) {
    flash(`${app.name} is deleted.`);
    location.assign('/applications');
  }
}
