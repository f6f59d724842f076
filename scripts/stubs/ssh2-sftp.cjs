// Stands in for ssh2's SFTP module in our bundles: Push Mirror sends exec requests only and never
// opens an SFTP channel, so the 50 KB SFTP client stays out of the .vsix.
'use strict';
const unavailable = () => {
  throw new Error('SFTP is not part of Push Mirror');
};
class SFTP {
  constructor() {
    unavailable();
  }
}
module.exports = { SFTP, flagsToString: unavailable, stringToFlags: unavailable, OPEN_MODE: {}, STATUS_CODE: {} };
