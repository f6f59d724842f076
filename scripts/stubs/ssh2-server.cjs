// Stands in for ssh2's Server in our bundles: Push Mirror is an ssh client only.
'use strict';
module.exports = class Server {
  constructor() {
    throw new Error('an ssh server is not part of Push Mirror');
  }
};
