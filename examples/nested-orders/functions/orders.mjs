// Handlers of the nested-orders example: the child charges the card, the parent confirms the order.
export async function charge(event) {
  return { orderId: event.orderId, charged: event.amount };
}

export async function confirm(event) {
  return { ...event, status: 'confirmed' };
}
