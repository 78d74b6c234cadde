import { afterSignIn, api, deviceToken, saveDeviceToken, saveSession } from './api.js';
import { bindForm } from './forms.js';
import { showFlash } from './layout.js';

showFlash();
bindForm(document.getElementById('sign-in-form'), async (values) => {
  const device = deviceToken();
  const created = await api('POST', '/sessions', device ? { ...values, deviceToken: device } : values);
  saveSession(created.session);
  saveDeviceToken(created.deviceToken);
  location.assign(afterSignIn());
});
