"""People, and the demo users with their role, library grants: rows shared by both catalogues."""

from __future__ import annotations

import uuid

import attrs

from revenge_app.seed import words
from revenge_app.seed.plan import Draw, SeedPlan, Table

GENDERS = (0, 1, 2, 2, 1, 3)
DEPARTMENTS = ("Acting",) * 6 + ("Directing", "Writing", "Production", "Sound")


@attrs.frozen
class Person:
    id: uuid.UUID
    name: str


@attrs.frozen
class Library:
    id: uuid.UUID
    name: str
    kind: str
    path: str


def people(draw: Draw, plan: SeedPlan) -> tuple[Table, list[Person]]:
    table = Table(
        "shared",
        "people",
        (
            "id",
            "name",
            "birthday",
            "place_of_birth",
            "gender",
            "known_for_department",
            "popularity",
        ),
    )
    cast: list[Person] = []
    for _ in range(plan.people):
        person = Person(draw.uuid(), draw.person_name())
        birthday = draw.day_in(draw.rng.randint(1930, 2005))
        table.rows.append(
            (
                person.id,
                person.name,
                birthday,
                draw.pick(words.PLACES),
                draw.pick(GENDERS),
                draw.pick(DEPARTMENTS),
                float(draw.popularity()),
            )
        )
        cast.append(person)
    return table, cast


def libraries(draw: Draw, plan: SeedPlan) -> tuple[Table, Library, Library]:
    movies = Library(draw.uuid(), "Seeded movies", "movie", str(plan.movie_root))
    tv = Library(draw.uuid(), "Seeded TV", "tvshow", str(plan.tv_root))
    table = Table("public", "libraries", ("id", "name", "type", "paths"))
    table.rows = [(lib.id, lib.name, lib.kind, [lib.path]) for lib in (movies, tv)]
    return table, movies, tv


def users(draw: Draw, plan: SeedPlan, grants: list[Library]) -> tuple[list[Table], list[uuid.UUID]]:
    """The users, their `user` role and `view` on every seeded library."""
    accounts = Table(
        "shared",
        "users",
        (
            "id",
            "username",
            "email",
            "password_hash",
            "display_name",
            "email_verified",
            "created_at",
        ),
    )
    roles = Table("shared", "user_roles", ("user_id", "role"))
    permissions = Table(
        "public", "library_permissions", ("id", "library_id", "user_id", "permission")
    )
    ids: list[uuid.UUID] = []
    for number in range(1, plan.users + 1):
        user_id = draw.uuid()
        username = f"seed_user_{number:03d}"
        accounts.rows.append(
            (
                user_id,
                username,
                f"{username}@example.com",
                plan.password_hash,
                draw.person_name(),
                True,
                plan.now,
            )
        )
        roles.rows.append((user_id, "user"))
        permissions.rows.extend((draw.uuid(), lib.id, user_id, "view") for lib in grants)
        ids.append(user_id)
    return [accounts, roles, permissions], ids
