export { createFacebookAdapter } from './create-facebook-adapter';
