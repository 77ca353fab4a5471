"""Search outbox: every write to a table that search documents show notes the entity's id in
the same transaction, so an index update survives a process that dies before reporting it

Revision ID: 0024
Revises: 0023
Created: 2026-12-08
"""

from __future__ import annotations

from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

# (table, entity, column holding the entity's id)
NOTED = (
    ("movie.movies", "movie", "id"),
    ("movie.movie_files", "movie", "movie_id"),
    ("movie.movie_genres", "movie", "movie_id"),
    ("movie.movie_credits", "movie", "movie_id"),
    ("tvshow.series", "series", "id"),
    ("tvshow.series_genres", "series", "series_id"),
    ("tvshow.series_credits", "series", "series_id"),
    ("tvshow.series_networks", "series", "series_id"),
    ("tvshow.seasons", "season", "id"),
    ("tvshow.episodes", "episode", "id"),
    ("tvshow.episode_files", "episode", "episode_id"),
    ("shared.people", "person", "id"),
    ("shared.users", "user", "id"),
    ("shared.user_roles", "user", "user_id"),
)


def _trigger(table: str) -> str:
    return f"{table.split('.')[1]}_search_outbox"


UPGRADE = (
    """
    CREATE TABLE public.search_outbox (
        entity text NOT NULL,
        item_id uuid NOT NULL,
        noted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        -- The writing transaction: an indexing job forgets the notes its read already saw.
        noted_by xid8 NOT NULL DEFAULT pg_current_xact_id(),
        PRIMARY KEY (entity, item_id)
    )
    """,
    "CREATE INDEX idx_search_outbox_noted ON public.search_outbox (noted_at)",
    """
    CREATE FUNCTION public.note_search_change() RETURNS trigger AS $$
    DECLARE
        changed jsonb;
    BEGIN
        IF TG_OP = 'DELETE' THEN
            changed := to_jsonb(OLD);
        ELSE
            changed := to_jsonb(NEW);
        END IF;
        INSERT INTO public.search_outbox (entity, item_id)
        VALUES (TG_ARGV[0], (changed ->> TG_ARGV[1])::uuid)
        ON CONFLICT (entity, item_id)
            DO UPDATE SET noted_at = excluded.noted_at, noted_by = excluded.noted_by;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    *(
        f"CREATE TRIGGER {_trigger(table)} AFTER INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION public.note_search_change('{entity}', '{column}')"
        for table, entity, column in NOTED
    ),
)
DOWNGRADE = (
    *(f"DROP TRIGGER {_trigger(table)} ON {table}" for table, _, _ in NOTED),
    "DROP FUNCTION public.note_search_change()",
    "DROP TABLE public.search_outbox",
)


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
