export { createYoutubeAdapter } from './create-youtube-adapter';
export { classifyYoutubeError } from './classify-youtube-error';
