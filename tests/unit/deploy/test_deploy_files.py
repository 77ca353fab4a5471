"""deploy/ cannot run here (no container engine): these checks keep its files parseable and
consistent with the code (probe paths, commands, setting names)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from revenge_app.cli import COMMAND_MODULES
from revenge_app.config import env_name, setting_names

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
YAML_FILES = sorted([*DEPLOY.rglob("*.yaml"), *DEPLOY.rglob("*.yml")])


def documents(path: Path) -> list[Any]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc is not None]


def manifests() -> list[dict[str, Any]]:
    """Kubernetes objects (kustomization.yaml is kustomize's own file, not one of them)."""
    paths = sorted((DEPLOY / "k8s").glob("*.yaml"))
    return [doc for path in paths if path.name != "kustomization.yaml" for doc in documents(path)]


def workload(name: str) -> dict[str, Any]:
    return next(doc for doc in manifests() if doc["metadata"]["name"] == name and "spec" in doc)


def containers(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return list(doc["spec"]["template"]["spec"]["containers"])


def test_there_are_deploy_files() -> None:
    names = {path.relative_to(DEPLOY).as_posix() for path in YAML_FILES}
    assert {"compose.yaml", "prometheus.yml", "k8s/api.yaml", "k8s/migrate-job.yaml"} <= names
    assert (DEPLOY / "Containerfile").is_file()
    assert (DEPLOY / "README.md").is_file()


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda path: path.name)
def test_every_yaml_file_parses(path: Path) -> None:
    assert documents(path)


def test_the_api_deployment_has_the_three_probes() -> None:
    (api,) = containers(workload("revenge-api"))
    paths = {
        probe: api[probe]["httpGet"]["path"]
        for probe in ("startupProbe", "livenessProbe", "readinessProbe")
    }
    assert paths == {
        "startupProbe": "/startupz",
        "livenessProbe": "/healthz",
        "readinessProbe": "/readyz",
    }
    assert {port["containerPort"] for port in api["ports"]} == {8096, 9096}


def test_every_manifest_names_itself_and_kustomize_lists_real_files() -> None:
    for doc in manifests():
        assert doc["apiVersion"]
        assert doc["kind"]
        assert doc["metadata"]["name"]
    kustomization = documents(DEPLOY / "k8s" / "kustomization.yaml")[0]
    assert all((DEPLOY / "k8s" / name).is_file() for name in kustomization["resources"])


def test_workloads_run_revenge_commands_with_the_shared_config_and_secret() -> None:
    defined = {(doc["kind"], doc["metadata"]["name"]) for doc in manifests()}
    commands = {name.replace("_", "-") for name in COMMAND_MODULES}
    for name in ("revenge-api", "revenge-worker", "revenge-scheduler", "revenge-migrate"):
        for container in containers(workload(name)):
            assert container["args"][0] in commands
            sources = container["envFrom"]
            assert ("ConfigMap", sources[0]["configMapRef"]["name"]) in defined
            assert ("Secret", sources[1]["secretRef"]["name"]) in defined


def test_compose_has_the_production_services() -> None:
    services = documents(DEPLOY / "compose.yaml")[0]["services"]
    expected = {"postgres", "redis", "typesense", "api", "worker", "scheduler", "prometheus"}
    assert expected <= set(services)
    assert services["postgres"]["image"].endswith("postgres:16")
    assert services["redis"]["image"].endswith("redis:7")
    assert services["typesense"]["image"].endswith("typesense:0.24.1")
    roles = {
        name: services[name]["command"][0] for name in ("api", "worker", "scheduler", "migrate")
    }
    assert roles == {
        "api": "serve",
        "worker": "worker",
        "scheduler": "scheduler",
        "migrate": "migrate",
    }
    api_env = services["api"]["environment"]
    assert api_env["REVENGE_JOBS_RUN_IN_SERVER"] == "false"
    for name in ("DATABASE_URL", "CACHE_URL", "SEARCH_URL", "SEARCH_API_KEY"):
        assert api_env[f"REVENGE_{name}"]


def test_prometheus_scrapes_the_api_metrics_port() -> None:
    config = documents(DEPLOY / "prometheus.yml")[0]
    targets = [
        t for job in config["scrape_configs"] for sc in job["static_configs"] for t in sc["targets"]
    ]
    assert "api:9096" in targets


def test_every_revenge_variable_named_in_deploy_is_a_real_setting() -> None:
    known = {env_name(name) for name in setting_names()}
    texts = [path.read_text(encoding="utf-8") for path in [*YAML_FILES, DEPLOY / "Containerfile"]]
    used = {name for text in texts for name in re.findall(r"\bREVENGE_[A-Z0-9_]+\b", text)}
    assert used
    assert used - {"REVENGE_IMAGE"} <= known


def test_the_image_is_multi_stage_unprivileged_and_health_checked() -> None:
    text = (DEPLOY / "Containerfile").read_text(encoding="utf-8")
    assert len(re.findall(r"^FROM ", text, re.MULTILINE)) == 2
    assert "FROM python:3.11-slim AS builder" in text
    assert re.search(r"^EXPOSE 8096 9096$", text, re.MULTILINE)
    assert re.search(r"^USER 10001", text, re.MULTILINE)
    assert "REVENGE_DATA_DIR=/data" in text
    assert re.search(r"^HEALTHCHECK .*\n?.*/healthz", text, re.MULTILINE)
    assert 'ENTRYPOINT ["revenge"]' in text


def test_the_image_installs_from_the_lock_with_the_scripts_uv() -> None:
    text = (DEPLOY / "Containerfile").read_text(encoding="utf-8")
    install = (DEPLOY.parent / "scripts" / "install").read_text(encoding="utf-8")
    uv_version = re.search(r"^UV_VERSION=(\S+)$", install, re.MULTILINE)
    assert uv_version
    assert f'pip install "uv=={uv_version.group(1)}"' in text
    assert "COPY pyproject.toml uv.lock" in text
    assert "uv sync --locked --no-dev" in text
