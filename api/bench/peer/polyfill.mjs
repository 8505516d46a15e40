// PostGraphile v5 declares Node >= 22; on Node 20 it needs only these two (checked: the rest of what it uses exists).
Promise.withResolvers ??= function withResolvers() {
  let resolve, reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
};
Symbol.dispose ??= Symbol.for('Symbol.dispose');
Symbol.asyncDispose ??= Symbol.for('Symbol.asyncDispose');
