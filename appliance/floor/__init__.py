"""The contest floor beyond verdicts: balloons for runners to carry, and teams' printouts."""
