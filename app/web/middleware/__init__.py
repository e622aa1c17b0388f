"""The HTTP edge of the API: small parts, one job each, composed in `stack.Edge`."""
