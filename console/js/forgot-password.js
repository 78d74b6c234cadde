import { api } from './api.js';
import { bindForm } from './forms.js';

const form = document.getElementById('forgot-form');
bindForm(form, async (values) => {
  await api('POST', '/password-reset', values);
  form.hidden = true;
  const sent = document.getElementById('forgot-sent');
  sent.hidden = false;
  sent.focus();
});
