"""The console's modal screens, opened above the tabs, each in its own module with its CSS."""
