import { api } from './api.js';
import { alertError, announce, bindForm, element } from './forms.js';
import { accountPage, copyButton } from './layout.js';

await accountPage();
const $ = (id) => document.getElementById(id);
const verifyForm = bindForm($('mfa-verify-form'), verify);
const regenerateForm = bindForm($('mfa-regenerate-form'), regenerate);
const disableForm = bindForm($('mfa-disable-form'), disable);
$('mfa-start').addEventListener('click', enrol);
await show();

/** Shows the state of /v1/me: the set-up button when off; the code count, regenerate and disable when on. */
async function show() {
  const me = await api('GET', '/me');
  $('mfa-off').hidden = me.mfaEnabled;
  $('mfa-enrol').hidden = true;
  $('mfa-on').hidden = !me.mfaEnabled;
  regenerateForm.hidden = !me.mfaEnabled;
  disableForm.hidden = !me.mfaEnabled;
  $('mfa-left').textContent = String(me.recoveryCodesLeft);
}

async function enrol() {
  const button = $('mfa-start');
  button.disabled = true;
  try {
    const enrolment = await api('POST', '/me/mfa/totp');
    $('mfa-qr').src = enrolment.qrCodePng;
    $('mfa-secret').textContent = enrolment.secret;
    $('mfa-off').hidden = true;
    $('mfa-enrol').hidden = false;
    $('mv-code').focus();
  } catch (error) {
    alertError(error);
  } finally {
    button.disabled = false;
  }
}

async function verify(values) {
  const result = await api('POST', '/me/mfa/totp/verify', values);
  verifyForm.reset();
  await show();
  showCodes(result.recoveryCodes, 'Two-factor authentication is on.');
}

async function regenerate(values) {
  const result = await api('POST', '/me/mfa/recovery-codes', values);
  regenerateForm.reset();
  await show();
  showCodes(result.recoveryCodes, 'New recovery codes are ready; the old ones no longer work.');
}

async function disable(values) {
  await api('DELETE', '/me/mfa/totp', values);
  disableForm.reset();
  $('mfa-codes').hidden = true;
  await show();
  announce('Two-factor authentication is off.');
}

/** The recovery codes, shown this once, with copy and a .txt download. */
function showCodes(codes, message) {
  $('mfa-code-list').replaceChildren(...codes.map((code) => element('li', {}, element('code', {}, code))));
  const text = `Latchkey recovery codes (each works once)\n\n${codes.join('\n')}\n`;
  const download = element('a', {
    class: 'button secondary',
    id: 'mfa-download',
    download: 'latchkey-recovery-codes.txt',
    href: `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`,
  }, 'Download as .txt');
  $('mfa-code-actions').replaceChildren(copyButton('Copy the codes', () => text), download);
  const section = $('mfa-codes');
  section.hidden = false;
  section.focus();
  announce(message);
}
