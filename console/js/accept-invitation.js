import { api, flash, flashJoined, keepInvitation, pendingInvitation, session } from './api.js';
import { element } from './forms.js';
import { accountPage, linkToken, signOutNow } from './layout.js';

// The mailed link's token is kept in this tab (sessionStorage) so that signing in or confirming a new account
// comes back here to accept it.
const token = linkToken() || pendingInvitation();
const $ = (id) => document.getElementById(id);
if (!token) {
  if (session()) await accountPage();
  $('ai-no-token').hidden = false;
} else if (!session()) {
  keepInvitation(token);
  $('ai-signed-out').hidden = false;
} else {
  keepInvitation(token);
  await accountPage();
  $('ai-signed-in').hidden = false;
  $('ai-accept').addEventListener('click', () => answer('accept'));
  $('ai-decline').addEventListener('click', () => answer('decline'));
}

async function answer(choice) {
  const problem = $('ai-problem');
  problem.replaceChildren();
  for (const button of document.querySelectorAll('#ai-signed-in button')) button.disabled = true;
  try {
    const joined = await api('POST', `/invitations/${choice}`, { token });
    keepInvitation(null);
    if (joined) {
      flashJoined(joined);
      location.assign(`/application?id=${encodeURIComponent(joined.id)}`);
    } else {
      flash('You declined the invitation.');
      location.assign('/applications');
    }
    return;
  } catch (error) {
    problem.append(error.detail || error.message);
    if (error.code === 'mfa_required_by_application') {
      problem.append(' ', element('a', { href: '/two-factor', id: 'ai-two-factor' }, 'Turn on two-factor authentication'),
        ', then come back to this page.');
    } else if (error.status === 403) {
      const other = element('button', { type: 'button', class: 'link', id: 'ai-switch' }, 'Sign in as another account');
      other.addEventListener('click', () => signOutNow('Sign in with the account the invitation was sent to.'));
      problem.append(' ', other);
    } else if (error.code === 'invalid_token' || error.status === 404) {
      keepInvitation(null); // used, expired or replaced: it never works again
    }
  }
  for (const button of document.querySelectorAll('#ai-signed-in button')) button.disabled = false;
}
