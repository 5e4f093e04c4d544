// jsdom has no fetch, Request or Response. This jsdom environment adds Node's, so a UI test can stub
// `fetch` at the HTTP boundary and let the real API client (openapi-fetch) build the requests and read
// the answers. Use it with a `@jest-environment ./test/ui/jsdomFetchEnvironment.js` docblock.
const { TestEnvironment } = require('jest-environment-jsdom');

class JsdomFetchEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    Object.assign(this.global, {
      Request,
      Response,
      Headers,
      fetch: () => Promise.reject(new Error('no fetch stub: import test/ui/fetchStub before the API client')),
    });
  }
}

module.exports = JsdomFetchEnvironment;
