"""Evaluation code shared by tests and benchmarks (metrics, scorers)."""
