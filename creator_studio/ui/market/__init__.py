"""Market views for makers, buyers and staff over the core market services."""
