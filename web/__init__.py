"""The web tier: contestants' pages, the CLICS Contest API, the jury endpoints and the live
streams, over the core's read model (no SQL here)."""
