/**
 * The tag the documents of this folder are written with. Relay's compiler and GraphQL Code
 * Generator find documents by the tag's name (`graphql`), as they do in an application; at run
 * time it only returns the text, so these files need neither relay-runtime nor a GraphQL client.
 */
export const graphql = (strings: TemplateStringsArray): string => strings.join('');
