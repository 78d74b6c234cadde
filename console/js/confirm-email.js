import { api, flash, session } from './api.js';
import { bindForm } from './forms.js';
import { linkToken } from './layout.js';

// The mailed link's token waits in this tab while the user signs in (the confirmation needs the same account's session).
const KEY = 'latchkey.emailChange';
const token = linkToken() || sessionStorage.getItem(KEY);
const form = document.getElementById('confirm-email-form');
if (!token) {
  document.getElementById('ce-no-token').hidden = false;
} else if (!session()) {
  sessionStorage.setItem(KEY, token);
  document.getElementById('ce-signed-out').hidden = false;
} else {
  form.hidden = false;
  bindForm(form, async () => {
    const me = await api('POST', '/me/email/confirm', { token });
    sessionStorage.removeItem(KEY);
    flash(`Your email address is now ${me.email}.`);
    location.assign('/profile');
  });
}
