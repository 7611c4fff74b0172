// node's readline.createInterface for reading lines: an async iterable of lines, and 'line'/'close' events.
(function (asyncIterator) {
  'use strict';
  function createInterface(options) {
    const input = options && options.input !== undefined ? options.input : options;
    if (!input || typeof input[asyncIterator] !== 'function') {
      throw new TypeError('readline.createInterface needs { input } that is an async iterable, such as process.stdin');
    }
    const source = input[asyncIterator]();
    let buffered = '';
    let ended = false;
    const ready = []; // complete lines not yet handed out
    const listeners = { line: [], close: [] };
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      for (const fn of listeners.close) fn();
    };
    const next = () => {
      if (ready.length > 0) return Promise.resolve({ value: ready.shift(), done: false });
      if (ended) {
        close();
        return Promise.resolve({ value: undefined, done: true });
      }
      return source.next().then((r) => {
        if (r.done) {
          ended = true;
          if (buffered !== '') ready.push(buffered);
          buffered = '';
        } else {
          const parts = (buffered + String(r.value)).split(/\r?\n/);
          buffered = parts.pop();
          ready.push(...parts);
        }
        return next();
      });
    };
    const rl = {
      next,
      [asyncIterator]() { return rl; },
      on(event, fn) {
        if (!listeners[event]) throw new TypeError(`readline: unsupported event '${event}'; use 'line' or 'close'`);
        listeners[event].push(fn);
        if (event === 'line' && listeners.line.length === 1) {
          const pump = () => next().then((r) => {
            if (r.done) return;
            for (const l of listeners.line) l(r.value);
            return pump();
          });
          Promise.resolve().then(pump);
        }
        return rl;
      },
      close,
    };
    return rl;
  }
  return { createInterface };
})
