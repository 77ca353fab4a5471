"""The app's own wiring: the container gives OIDC sign-in and the providers' admin, with
client secrets encrypted under the MFA key."""

from __future__ import annotations

from pathlib import Path

from revenge_adapters.mfa import AesGcmSecretCipher
from revenge_adapters.postgres.migrate import upgrade
from revenge_app.config import CacheConfig, Config, SearchConfig
from revenge_app.container import Container
from revenge_app.embedded.stack import ServiceUrls
from revenge_app.jobs.container import resolved
from revenge_domain.oidc.admin import secret_context


async def test_the_container_wires_oidc_sign_in(
    pg_url: str, redis_url: str, key_prefix: str, tmp_path: Path
) -> None:
    await upgrade(pg_url)
    config = Config(
        data_dir=tmp_path,
        cache=CacheConfig(key_prefix=key_prefix),
        search=SearchConfig(enabled=False),
    )
    container = Container(config=config, urls=ServiceUrls(pg_url, redis_url, "", ""))
    await container.init_resources()
    try:
        use_cases = await resolved(container.use_cases())
        assert use_cases.oidc is not None
        assert use_cases.oidc_providers is not None
        assert use_cases.oidc.second_factor is use_cases.mfa_login
        settings = {"display_name": "Wired", "issuer_url": "https://idp.example", "client_id": "c"}
        created = await use_cases.oidc_providers.create(
            f"wired-{key_prefix[-9:-1]}", "the-secret", settings, None
        )
        listed = [p.name for p in await use_cases.oidc.enabled_providers()]
        cipher = container.mfa_cipher()
        await use_cases.oidc_providers.delete(created.id, None)
    finally:
        await container.shutdown_resources()
    assert created.name in listed
    assert isinstance(cipher, AesGcmSecretCipher)
    secret = cipher.decrypt(created.client_secret_encrypted, secret_context(created.id))
    assert secret == b"the-secret"
