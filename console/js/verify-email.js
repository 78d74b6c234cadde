import { afterSignIn, api, flash, saveSession } from './api.js';
import { bindForm } from './forms.js';
import { linkToken } from './layout.js';

const token = linkToken();
const form = document.getElementById('verify-form');
if (!token) {
  form.hidden = true;
  document.getElementById('verify-no-token').hidden = false;
}
bindForm(form, async (values) => {
  const created = await api('POST', '/signup/confirm', { token, password: values.password });
  saveSession(created.session);
  flash('Your email address is confirmed and you are signed in.');
  location.assign(afterSignIn());
});
