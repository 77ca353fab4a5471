"""The files of a movie or an episode, read through the catalogue use cases (which refuse
titles of libraries the caller may not read)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

import attrs

from revenge_domain.identity.access import Principal
from revenge_domain.movies import MovieCatalogue
from revenge_domain.playback.model import MediaType, PlayableFile
from revenge_domain.tvshows import TVViewing
from revenge_domain.tvshows.viewing import EpisodeFile


def movie_file(record: dict[str, Any]) -> PlayableFile | None:
    if record.get("id") is None:
        return None
    return PlayableFile(
        id=UUID(str(record["id"])),
        size=record.get("file_size") or 0,
        duration_s=record.get("duration_seconds"),
        resolution=record.get("resolution"),
        audio_codec=record.get("audio_codec"),
        audio_channels=record.get("audio_channels"),
        audio_languages=tuple(record.get("audio_languages") or ()),
        subtitle_languages=tuple(record.get("subtitle_languages") or ()),
        path=record.get("file_path"),
    )


def episode_file(file: EpisodeFile) -> PlayableFile:
    return PlayableFile(
        id=file.id,
        size=file.file_size,
        duration_s=file.duration_seconds,
        resolution=file.resolution,
        audio_codec=file.audio_codec,
        audio_languages=tuple(file.audio_languages),
        subtitle_languages=tuple(file.subtitle_languages),
        path=file.file_path,
    )


@attrs.frozen
class CatalogueFiles:
    """Implements `MediaFiles` over the movie catalogue and the TV viewing use cases."""

    movies: MovieCatalogue
    episodes: TVViewing

    async def files(
        self, principal: Principal, media_type: MediaType, media_id: UUID
    ) -> Sequence[PlayableFile]:
        if media_type is MediaType.MOVIE:
            records = await self.movies.files(principal, media_id)
            return [file for file in map(movie_file, records) if file is not None]
        return [
            episode_file(file) for file in await self.episodes.episode_files(principal, media_id)
        ]
