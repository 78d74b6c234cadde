import { session } from './api.js';

location.replace(session() ? '/profile' : '/sign-in');
