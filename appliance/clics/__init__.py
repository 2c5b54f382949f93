"""The CLICS vocabulary, one home for each word: times, ids, event payloads and API objects."""
