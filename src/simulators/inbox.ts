/** What a sink received, and callers waiting for a message that matches (shared by the SMTP and SMPP simulators). */
interface Waiter<T> {
  pred: (m: T) => boolean;
  resolve: (m: T) => void;
  reject: (err: Error) => void;
}

/** `texts.noMatch`: the start of the timeout error ("… within N ms"); `texts.closed`: the error of waiters at close. */
export function createInbox<T>(texts: { noMatch: string; closed: string }) {
  const messages: T[] = [];
  const waiters = new Set<Waiter<T>>();
  return {
    messages,
    add(m: T): void {
      messages.push(m);
      for (const w of [...waiters]) {
        if (w.pred(m)) {
          waiters.delete(w);
          w.resolve(m);
        }
      }
    },
    /** The first message (already received or still to come) that matches, or an error after `timeoutMs`. */
    waitFor(pred: (m: T) => boolean, timeoutMs: number): Promise<T> {
      const found = messages.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`${texts.noMatch} within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter: Waiter<T> = {
          pred,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
          reject: (err) => {
            clearTimeout(timer);
            reject(err);
          },
        };
        waiters.add(waiter);
      });
    },
    /** Fails every waiter. */
    close(): void {
      for (const w of waiters) w.reject(new Error(texts.closed));
      waiters.clear();
    },
  };
}
