"""Pure domain rules: dates in, dates out; no Flask, no database."""
