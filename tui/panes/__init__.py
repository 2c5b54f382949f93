"""The console's panes, one per tab, each in its own module with its CSS beside it."""
