import { api, session } from './api.js';
import { announce, element, rowAction } from './forms.js';
import { accountPage, signOutNow, time } from './layout.js';

await accountPage();
const body = document.querySelector('#sessions-table tbody');
await list();

async function list() {
  const { sessions } = await api('GET', '/sessions');
  body.replaceChildren(...sessions.map(row));
}

function row(info) {
  const device = [info.browser || 'Unknown browser', info.os && `on ${info.os}`].filter(Boolean).join(' ');
  const deviceCell = element('td', {}, device);
  if (info.amr.length > 1) deviceCell.append(element('br'), element('span', { class: 'muted' }, 'with two-factor'));
  if (info.current) deviceCell.append(' ', element('span', { class: 'badge', id: 'this-device' }, 'This device'));
  const end = element('button', { type: 'button', class: info.current ? 'secondary' : 'danger' },
    info.current ? 'Sign out' : 'End session');
  end.setAttribute('aria-label', info.current ? 'Sign out of this device' : `End the session of ${device}, ${info.ip}`);
  end.addEventListener('click', () => endSession(info, end));
  return element('tr', { 'data-session': info.id, class: info.current ? 'current' : '' },
    deviceCell, element('td', {}, info.ip), element('td', {}, time(info.createdAt)),
    element('td', {}, time(info.lastSeenAt)), element('td', {}, end));
}

async function endSession(info, button) {
  if (info.current || info.id === session().id) {
    await signOutNow();
    return;
  }
  await rowAction(button, async () => {
    await api('DELETE', `/sessions/${encodeURIComponent(info.id)}`);
    await list();
    announce('The session has ended.');
  });
}
