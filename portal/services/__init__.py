"""What the routes, the API and the CLI call: plain functions that own the transactions."""
