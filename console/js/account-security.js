// /account/security, the security notices' mailed link: the two-factor page (the sign-in page without a session).
location.replace('/two-factor');
