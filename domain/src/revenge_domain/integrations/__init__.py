"""Radarr and Sonarr: their libraries synced into the catalogue, their webhooks followed."""

from revenge_domain.integrations.admin import ArrAdmin, ArrIntegration, Integrations
from revenge_domain.integrations.sync import IntegrationSyncs, MovieSync, SeriesSync, SyncRuns
from revenge_domain.integrations.webhooks import WebhookIntake, radarr_job, sonarr_job

__all__ = [
    "ArrAdmin",
    "ArrIntegration",
    "IntegrationSyncs",
    "Integrations",
    "MovieSync",
    "SeriesSync",
    "SyncRuns",
    "WebhookIntake",
    "radarr_job",
    "sonarr_job",
]
