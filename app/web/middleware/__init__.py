"""The API's HTTP middleware: small parts, one job each, composed in `api_middleware.ApiMiddleware`."""
