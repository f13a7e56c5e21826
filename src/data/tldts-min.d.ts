// The Public Suffix List reader is imported from tldts's own minified build (see
// publisher-domains.ts for why); it is the same code as the package entry, so it has its types.
declare module 'tldts/dist/index.esm.min.js' {
  export { getDomainWithoutSuffix, getPublicSuffix } from 'tldts';
}
