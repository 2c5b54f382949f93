"""The judges' console, a Textual client of the server (to come)."""
