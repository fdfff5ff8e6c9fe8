// graphql-ws publishes its WebSocket server under an `exports` subpath, which the
// project's moduleResolution ("node", for MikroORM's CommonJS build) cannot see:
// the types come from the file, the runtime require('graphql-ws/use/ws') from exports.
declare module 'graphql-ws/use/ws' {
  export { useServer } from 'graphql-ws/dist/use/ws';
}
