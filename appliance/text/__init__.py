"""Words the core, the commands and the pages share when they speak of things."""
