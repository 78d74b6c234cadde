import { api, saveSession } from './api.js';
import { announce, bindForm } from './forms.js';
import { accountPage } from './layout.js';

await accountPage();
const form = document.getElementById('password-form');
bindForm(form, async (values) => {
  saveSession(await api('PUT', '/me/password', values));
  form.reset();
  announce('Your password is changed. Every other session has ended.');
});
