// Jest's module loader cannot require() an ES module (Node 22+ can, and the bundle carries the real one), and
// make-fetch-happen's agent stack is ES-only. The unit tests sign with a key, which calls no service: any fetch fails.
function fetchStub() {
  return Promise.reject(new Error('no network in unit tests'));
}
fetchStub.defaults = () => fetchStub;
module.exports = fetchStub;
