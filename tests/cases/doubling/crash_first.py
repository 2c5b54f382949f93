# Crashes before answering anything.
raise RuntimeError("boom")
