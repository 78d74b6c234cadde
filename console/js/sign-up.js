import { api } from './api.js';
import { bindForm } from './forms.js';

const form = document.getElementById('sign-up-form');
bindForm(form, async (values) => {
  await api('POST', '/signup', values);
  document.getElementById('su-sent-to').textContent = values.email;
  form.hidden = true;
  const sent = document.getElementById('sign-up-sent');
  sent.hidden = false;
  sent.focus();
});
