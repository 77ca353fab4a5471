"""The files of a movie or an episode, read through the catalogue use cases (which refuse
titles of libraries the caller may not read)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import attrs

from revenge_domain.identity.access import Principal
from revenge_domain.media_files import MediaFile
from revenge_domain.movies import MovieCatalogue, MovieFile
from revenge_domain.playback.model import MediaType, PlayableFile
from revenge_domain.tvshows import TVViewing


def playable(file: MediaFile) -> PlayableFile:
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


def movie_file(file: MovieFile) -> PlayableFile:
    # The movie catalogue keeps channels as text (e.g. "6"); passed on as read.
    return attrs.evolve(playable(file), audio_channels=file.audio_channels)  # type: ignore[arg-type]


@attrs.frozen
class CatalogueFiles:
    """Implements `MediaFiles` over the movie catalogue and the TV viewing use cases."""

    movies: MovieCatalogue
    episodes: TVViewing

    async def files(
        self, principal: Principal, media_type: MediaType, media_id: UUID
    ) -> Sequence[PlayableFile]:
        if media_type is MediaType.MOVIE:
            return [movie_file(file) for file in await self.movies.files(principal, media_id)]
        return [playable(file) for file in await self.episodes.episode_files(principal, media_id)]
