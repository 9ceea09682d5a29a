"""Pure-Python domain: value objects, rules and errors. Imports only the standard library."""
