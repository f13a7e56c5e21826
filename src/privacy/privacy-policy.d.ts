/** PRIVACY.md's text, put in by the build (vite.config.ts, `privacyPolicy`). */
declare module 'virtual:privacy-policy' {
  const policy: string;
  export default policy;
}
