"""The app's own wiring: the container gives OIDC sign-in and the providers' admin, with
client secrets encrypted under the MFA key."""

from __future__ import annotations

from revenge_adapters.mfa import AesGcmSecretCipher
from revenge_app.config import Config
from revenge_app.container import Container
from revenge_app.features import settled
from revenge_app.registry import resolved
from revenge_app.services import configured_urls
from revenge_domain.oidc.admin import secret_context


async def test_the_container_wires_oidc_sign_in(config: Config, key_prefix: str) -> None:
    container = Container(config=config, urls=configured_urls(config))
    await settled(container.init_resources())
    try:
        oidc = await resolved(container.oidc.services())
        assert oidc.sign_in.second_factor is await resolved(container.identity.second_factor())
        settings = {"display_name": "Wired", "issuer_url": "https://idp.example", "client_id": "c"}
        created = await oidc.providers.create(
            f"wired-{key_prefix[-9:-1]}", "the-secret", settings, None
        )
        listed = [p.name for p in await oidc.sign_in.enabled_providers()]
        cipher = container.core.mfa_cipher()
        await oidc.providers.delete(created.id, None)
    finally:
        await settled(container.shutdown_resources())
    assert created.name in listed
    assert isinstance(cipher, AesGcmSecretCipher)
    secret = cipher.decrypt(created.client_secret_encrypted, secret_context(created.id))
    assert secret == b"the-secret"
