// Order service handlers. The order store is in memory so the example runs offline;
// a deployed copy would write to DynamoDB.
import { withChaos } from 'sfn-chaos';

const orders = new Map();

export const createOrder = withChaos(async (event) => {
  orders.set(event.orderId, { item: event.item, status: 'CREATED' });
  return { orderId: event.orderId, status: 'CREATED' };
});

export const checkProductAvailability = withChaos(async (event) => {
  const inStock = event.item !== 'discontinued';
  return { item: event.item, inStock };
});

export const updateOrder = withChaos(async (event) => {
  const order = orders.get(event.orderId) ?? {};
  orders.set(event.orderId, { ...order, status: event.status });
  return { orderId: event.orderId, status: event.status };
});
