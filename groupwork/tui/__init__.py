"""The facilitator's terminal interface (textual)."""
