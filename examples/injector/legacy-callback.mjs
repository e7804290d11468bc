// A legacy callback-style handler: withChaos sees the three parameters and answers through the
// callback too, whether a fault fires (callback(error)) or not (your own callback call).
import { withChaos } from 'sfn-chaos/injector';

export const handler = withChaos((event, _context, callback) => {
  setImmediate(() => callback(null, { orderId: event.orderId, shipped: true }));
});
