"""A realistic synthetic catalogue (movies, series, people, users with progress) for demos and
benchmarks, and the bulk writer that puts it in the database."""

from revenge_app.seed.catalog import generate
from revenge_app.seed.plan import SeedPlan, Table

__all__ = ["SeedPlan", "Table", "generate"]
