"""Code similarity: fingerprints of sources and which submissions a report compares."""
