"""The judges' console, a Textual client of the server's HTTP API and event feed."""
