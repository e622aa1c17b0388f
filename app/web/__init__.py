"""What every route shares: the one error body, CSV and JSON-LD, the OpenAPI document, and the middleware."""
