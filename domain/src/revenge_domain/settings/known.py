"""The settings this server knows, with their defaults."""

from __future__ import annotations

from revenge_domain.settings.model import DataType, SettingDefinition, SettingRegistry

STRING, INTEGER, BOOLEAN = DataType.STRING, DataType.INTEGER, DataType.BOOLEAN
REGISTRATION_ENABLED = "features.registration_enabled"

SERVER_SETTINGS = SettingRegistry(
    [
        SettingDefinition(
            "server.name",
            STRING,
            "Revenge Media Server",
            "Name shown to clients",
            "general",
            is_public=True,
        ),
        SettingDefinition(
            "features.registration_enabled",
            BOOLEAN,
            True,
            "Whether new accounts may register",
            "features",
            is_public=True,
        ),
        SettingDefinition(
            "features.oidc_enabled",
            BOOLEAN,
            False,
            "Whether sign-in through OIDC providers is offered",
            "features",
            is_public=True,
        ),
        SettingDefinition(
            "auth.jwt.access_token_expiry",
            INTEGER,
            3600,
            "Access token lifetime in seconds",
            "auth",
            minimum=60,
        ),
        SettingDefinition(
            "auth.jwt.refresh_token_expiry",
            INTEGER,
            2_592_000,
            "Refresh token lifetime in seconds",
            "auth",
            minimum=300,
        ),
        SettingDefinition(
            "auth.password.min_length",
            INTEGER,
            8,
            "Shortest password accepted",
            "auth",
            minimum=8,
            maximum=128,
        ),
        SettingDefinition(
            "auth.session.max_per_user",
            INTEGER,
            10,
            "Most sessions one user may hold at once",
            "auth",
            minimum=1,
        ),
    ]
)

USER_SETTINGS = SettingRegistry(
    [
        SettingDefinition(
            "playback.autoplay_next",
            BOOLEAN,
            True,
            "Start the next episode when one ends",
            "playback",
        ),
        SettingDefinition(
            "playback.skip_intro",
            BOOLEAN,
            False,
            "Skip intros when they are known",
            "playback",
        ),
        SettingDefinition(
            "playback.max_quality",
            STRING,
            "auto",
            "Highest stream quality to ask for",
            "playback",
            choices=("auto", "2160p", "1080p", "720p", "480p"),
        ),
        SettingDefinition(
            "playback.subtitle_language",
            STRING,
            "",
            "Preferred subtitle language (empty: none)",
            "playback",
        ),
        SettingDefinition(
            "ui.page_size",
            INTEGER,
            20,
            "Items per page in lists",
            "ui",
            minimum=1,
            maximum=100,
        ),
        SettingDefinition(
            "ui.home_layout",
            DataType.JSON,
            {},
            "Client-defined layout of the home screen",
            "ui",
        ),
    ]
)
