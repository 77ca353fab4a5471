"""Word lists the synthetic catalogue draws its names from."""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ADJECTIVES = _words(
    "Silent Broken Golden Hidden Last Crimson Frozen Lost Midnight Electric Wild Distant Hollow"
    " Burning Iron Velvet Secret Savage Quiet Endless Fallen Bright Dark Little Final Northern"
    " Paper Glass Stolen Restless Scarlet Lonely Crooked Sacred Shattered"
)
NOUNS = _words(
    "River Kingdom Echo Horizon Garden Machine Harbor Empire Storm Promise Shadow Frontier Signal"
    " Orchard Citadel Voyage Mirror Lighthouse Winter Summer Station Circus Island Protocol"
    " Dynasty Heart Road Sky Moon Desert Hunter Witness Stranger Country"
)
PLACES = (
    "Berlin", "Tokyo", "Nowhere", "the North", "Paris", "Avalon", "the Valley", "Brooklyn",
    "Mars", "the Deep", "Havana", "Lagos", "the Coast", "Vienna", "Sector 9", "the Woods",
)  # fmt: skip
FIRST_NAMES = _words(
    "Ada Ben Clara David Elena Felix Grace Hugo Iris Jonas Kira Leo Maya Noah Olivia Pablo Quinn"
    " Rosa Samir Tara Umar Vera Wes Xenia Yusuf Zoe Anton Bianca Carlos Dana Emil Freya Gabriel"
    " Hana Ivan Julia Kenji Lena Marco Nina Oscar Priya"
)
LAST_NAMES = _words(
    "Abbott Barros Chen Dubois Eriksen Fischer Garcia Hoffmann Ito Jensen Kowalski Larsen Moreau"
    " Nakamura Okafor Petrov Quintero Rossi Schmidt Tanaka Urban Varga Weber Xu Yilmaz Zimmer"
    " Alvarez Brennan Costa Delgado Evans Fontaine Grant Haddad Ivanova"
)
ROLES = _words(
    "Detective Doctor Captain Mother Father Stranger Agent Professor Pilot Bartender Nurse"
    " Soldier Thief Lawyer Reporter Teacher"
)
GENRES = (
    ("Action", "action"), ("Adventure", "adventure"), ("Animation", "animation"),
    ("Comedy", "comedy"), ("Crime", "crime"), ("Documentary", "documentary"),
    ("Drama", "drama"), ("Family", "family"), ("Fantasy", "fantasy"), ("History", "history"),
    ("Horror", "horror"), ("Music", "music"), ("Mystery", "mystery"), ("Romance", "romance"),
    ("Science Fiction", "science-fiction"), ("Thriller", "thriller"), ("War", "war"),
    ("Western", "western"),
)  # fmt: skip
CREW = (
    ("Director", "Directing"), ("Screenplay", "Writing"), ("Producer", "Production"),
    ("Original Music Composer", "Sound"), ("Director of Photography", "Camera"),
    ("Editor", "Editing"),
)  # fmt: skip
NETWORKS = (
    ("Northwind", "US"), ("Channel Nine", "GB"), ("Aurora TV", "CA"), ("Meridian", "US"),
    ("Kanal Ost", "DE"), ("Tele Sol", "ES"), ("Fuji Vision", "JP"), ("Polar", "NO"),
    ("Lumen+", "FR"), ("Harbor Box", "US"), ("Studio Verde", "BR"), ("Orbit", "AU"),
)  # fmt: skip
# Repeats weight the draws towards what real libraries hold most.
LANGUAGES = ("en", "en", "en", "en", "fr", "de", "es", "ja", "ko", "it")
MOVIE_STATUSES = ("Released",) * 19 + ("Post Production",)
SERIES_STATUSES = ("Returning Series", "Ended", "Ended", "Canceled")
SERIES_TYPES = ("Scripted", "Scripted", "Scripted", "Miniseries", "Documentary", "Reality")
RESOLUTIONS = ("2160p", "1080p", "1080p", "1080p", "720p", "480p")
VIDEO_CODECS = ("h264", "h264", "hevc", "hevc", "av1")
AUDIO_CODECS = ("aac", "ac3", "eac3", "dts", "truehd", "opus")
CONTAINERS = ("mkv", "mkv", "mkv", "mp4", "avi")
AUDIO_CHANNELS = ("2.0", "5.1", "5.1", "7.1")
