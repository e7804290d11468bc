// Handler of the distributed-orders example: charges one order (one child execution of the Distributed Map).
export async function charge(event) {
  return { orderId: event.orderId, region: event.region, charged: event.amount };
}
