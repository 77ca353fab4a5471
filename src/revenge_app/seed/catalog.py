"""The whole synthetic catalogue for a plan, as tables in an order foreign keys allow."""

from __future__ import annotations

from revenge_app.seed.movies import movies
from revenge_app.seed.people import libraries, people, users
from revenge_app.seed.plan import Draw, SeedPlan, Table
from revenge_app.seed.tvshows import tvshows


def generate(plan: SeedPlan) -> list[Table]:
    """Every row of the plan; the same plan (seed included) gives the same rows."""
    draw = Draw(plan.seed)
    library_table, movie_library, tv_library = libraries(draw, plan)
    people_table, cast = people(draw, plan)
    user_tables, user_ids = users(draw, plan, [movie_library, tv_library])
    return [
        library_table,
        people_table,
        *user_tables,
        *movies(draw, plan, movie_library, cast, user_ids),
        *tvshows(draw, plan, tv_library, cast, user_ids),
    ]
