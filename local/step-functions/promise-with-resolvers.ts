/**
 * Installs `Promise.withResolvers` where the runtime lacks it (Node 20).
 *
 * aws-local-stepfunctions calls it for every Task state; without it each Task fails with a
 * TypeError, which a `Catch` on `States.ALL` would silently route down the failure branch.
 * Import this module before the engine so the polyfill is in place first.
 */
if (!('withResolvers' in Promise)) {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

export {};
