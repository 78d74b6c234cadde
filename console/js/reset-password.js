import { api, clearSession, flash } from './api.js';
import { bindForm } from './forms.js';
import { linkToken } from './layout.js';

const token = linkToken();
const form = document.getElementById('reset-form');
if (!token) {
  form.hidden = true;
  document.getElementById('reset-no-token').hidden = false;
}
bindForm(form, async (values) => {
  await api('POST', '/password-reset/confirm', { ...values, token });
  clearSession(); // the reset ended every session, this tab's too
  flash('Your password is changed. Sign in with the new one.');
  location.assign('/sign-in');
});
