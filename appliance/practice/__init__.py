"""Practice: the archive of open problems, practice submissions, progress and leaderboard."""
