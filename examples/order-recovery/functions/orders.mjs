// Order service handlers. The order store is in memory so the example runs offline;
// a deployed copy would write to DynamoDB.
import { withChaos } from 'sfn-chaos/injector';

const orders = new Map();

export const createOrder = withChaos(async (event) => {
  orders.set(event.orderId, { item: event.item, status: 'CREATED' });
  return { orderId: event.orderId, status: 'CREATED' };
});

class VendorApiError extends Error {
  constructor(message) {
    super(message);
    this.name = 'VendorApiError';
  }
}

// The vendor's availability API is simulated. An order marked `vendorApi: DOWN` meets an outage that
// outlasts every retry, which is what sends it to the recovery step; support's answer clears the mark.
export const checkProductAvailability = withChaos(async (event) => {
  if (event.vendorApi === 'DOWN') throw new VendorApiError(`the vendor API is down; cannot check ${event.item}`);
  const inStock = event.item !== 'discontinued';
  return { item: event.item, inStock };
});

export const updateOrder = withChaos(async (event) => {
  const order = orders.get(event.orderId) ?? {};
  orders.set(event.orderId, { ...order, status: event.status });
  return { orderId: event.orderId, status: event.status };
});
