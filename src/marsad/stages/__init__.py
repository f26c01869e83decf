"""Pipeline stages: each adds one kind of annotation to the corpus."""
