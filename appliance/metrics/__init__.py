"""Figures for operators: Prometheus collectors and `podium status`."""
