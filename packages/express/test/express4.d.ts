// Express 4 is installed under the alias `express4` to test against both majors; it has the
// same factory shape as Express 5 for what the tests use.
declare module 'express4' {
  import express from 'express';
  export default express;
}
