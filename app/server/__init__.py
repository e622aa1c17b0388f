"""`lnst-api serve`: the supervisor, its workers, and the request gate in front of uvicorn's protocol."""
