"""`podium doctor`: what on this machine makes timings untrustworthy, and how much they vary."""
